"""Tools for contributors and maintainers, apart from the pipeline: `kb new` (scaffold), the issue
form and `kb from-issue` (issue_form), `kb stale` (stale). They use the content stages; the
pipeline never uses them."""
