"""The options of `trustdose batch`, each defined once: the command's signature reads
them (cli.batch), and so the help and the completion say the same."""

# No `from __future__ import annotations` here: typer reads these at every start.
import typer

from .common import LEVEL_IDS, complete_from, home_paths, output_path

INPUTS_ARGUMENT = typer.Argument(
    None, metavar="INPUT", callback=home_paths,
    help="CSV files, Excel workbooks (.xlsx), JSONL or (multi-document) YAML files, "
         "folders of case files, or - for standard input. Mixed inputs are fine. "
         "--columns lists the columns a CSV file or a workbook may have.")
FORMAT_OPTION = typer.Option(
    None, "--format", "-f",
    help="Output format. Default: table in a terminal, jsonl when piped; with --output, "
         "taken from the file ending (.csv, .md, .xlsx, .html, else jsonl).")
OUTPUT_OPTION = typer.Option(
    None, "--output", "-o", metavar="FILE", callback=output_path,
    help="Write the results to FILE (atomically: a crash never leaves half a file).")
EXCEL_OPTION = typer.Option(False, "--excel",
                            help="CSV for Excel: UTF-8 with BOM, ';' and decimal commas.")
PLANNED_OPTION = typer.Option(
    None, "--planned", "-p", metavar="N|NAME", autocompletion=complete_from(*LEVEL_IDS),
    help="A planned level for every case.")
ERRORS_OPTION = typer.Option(
    None, "--errors", metavar="FILE", callback=home_paths,
    help="Write rejected rows as JSON lines (where, why, the original row) to FILE.")
SUMMARY_ONLY_OPTION = typer.Option(
    False, "--summary-only",
    help="Write only the summary: on standard output, or to --output (as Markdown, JSON "
         "or an HTML page by the file ending .md, .json, .html; else text).")
FAIL_FAST_OPTION = typer.Option(False, "--fail-fast", help="Stop at the first bad row.")
FAIRNESS_OPTION = typer.Option(
    False, "--fairness",
    help="After the rows: pairs of cases with alike answers whose planned levels are two "
         "or more steps apart, as questions to explain (JSON with jsonl).")
BY_OPTION = typer.Option(
    None, "--by", metavar="COLUMN",
    help="With --fairness (implied): how each group of COLUMN (a department, a leader) "
         "plans against what the answers support, beside the other groups.")
# reading what coaches have: a workbook's sheet, a CSV file's encoding, a template to fill
SHEET_OPTION = typer.Option(
    None, "--sheet", metavar="NAME", help="The sheet of a workbook to read (default: the "
                                          "first).")
ENCODING_OPTION = typer.Option(
    None, "--encoding", metavar="NAME",
    help="The encoding of CSV files and standard input (default: UTF-8, or Windows-1252 "
         "for a file that is not UTF-8).")
TEMPLATE_OPTION = typer.Option(
    None, "--template", metavar="FILE.xlsx|FILE.csv", callback=home_paths,
    help="Write an empty workbook (or CSV file) with the columns in the chosen language "
         "(a workbook with an example on its columns sheet), and stop.")
COLUMNS_OPTION = typer.Option(False, "--columns",
                              help="List the columns a CSV file or workbook may have, in "
                                   "the chosen language and in English, and stop.")
FORCE_OPTION = typer.Option(
    False, "--force",
    help="Replace files of the same name: agreements in --agreements DIR, or the "
         "--template file.")
