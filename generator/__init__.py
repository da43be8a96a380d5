"""Static knowledge-base generator for good practices in the integration of migrants.

Stages: load -> validate -> model -> render -> build (see each module's docstring).
"""
