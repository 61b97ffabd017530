"""Package data of opvang (installed as ``generator.site_templates``): the Jinja2 templates of the site's
generated pages, the base of every site (``base/``) and the files of a new project (``init/``)."""
