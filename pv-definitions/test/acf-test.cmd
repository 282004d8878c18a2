# The access-security test IOC: prefix jioc:acf:, operators from ACF_OPERATOR (default root).
epicsEnvSet("P", "$(P=jioc:acf:)")
dbLoadRecords("$(TOP)/pv-definitions/test/acf-test.db", "P=$(P)")
asSetFilename("$(TOP)/pv-definitions/test/acf-test.acf")
asSetSubstitutions("P=$(P),OPERATOR=$(ACF_OPERATOR=root)")
iocInit
