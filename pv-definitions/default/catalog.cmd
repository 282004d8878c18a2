# The run catalog (docs/catalog.md): every run's metadata and files, and the command queue, as SQL tables.
# Default: an embedded H2 database in $(JIOC_HOME)/var/catalog (not in git). For a PostgreSQL server, uncomment:
#runCatalogConfigure("jdbc:postgresql://dbhost:5432/jioc", "jioc", "secret")
# The Queue:* and Catalog:* PVs on the 2-BM-B prefix: the queue runs the scans of the 2-BM-B station (plans use
# the 2bmb: sample-stage motors), so its PVs sit with them.
dbLoadRecords("$(TOP)/db-templates/catalog.template", "P=2bmb:")
