"""Reading and writing files: YAML and JSON with positions (`source`), validation errors
as problems (`validation`), the config file (`config`), batch inputs as rows
(`readers`), and the one atomic writer (`output`)."""
