# Run catalog test IOC (tests/python/test_catalog.py): the Queue/Catalog PVs on the prefix P; the catalog in
# CATALOG_URL when given (the PostgreSQL server scripts/test starts), else (empty URL) embedded H2 under JIOC_HOME.
epicsEnvSet("P", "$(P=jioc:cat:)")
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
runCatalogConfigure("$(CATALOG_URL=)", "$(CATALOG_USER=)")
dbLoadRecords("$(TOP)/db-templates/catalog.template", "P=$(P)")
iocInit
