"""Reading a journey file: YAML with positions (reader), the format as pydantic models (fileformat),
validation with findings at line and column (validate, diagnose, references), and the typed model
(model, built by modelbuild). Slugs and default ids live in slug; textsafe shows user text
safely (control characters made visible, keys from the file shortened).
"""
