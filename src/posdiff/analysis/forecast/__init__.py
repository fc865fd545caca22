"""The expected-utility forecast: the model, its input from a record or a KTAB scenario,
its sensitivity to each input, and KTAB CSV in and out."""
