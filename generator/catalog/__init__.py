"""The requirements catalog: located YAML, JSON Schema validation, semantic checks and the model."""
