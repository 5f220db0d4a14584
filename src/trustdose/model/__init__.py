"""The vocabulary of the model and the values that travel through trustdose: a case, a
subject's track record, and an assessment with its JSON form."""
