# Step scans for tests/python/test_sscan.py: the standard scan records ($(P)scan1..4, scanH, AbortScans, scanPause)
# and soft detectors that read the test motors when their trigger processes them (docs/sscan.md).
dbLoadRecords("$(TOP)/db-templates/standardScans.db", "P=$(P),MAXPTS1=100,MAXPTS2=50,MAXPTS3=20,MAXPTS4=20,MAXPTSH=100")
dbLoadRecords("$(TOP)/pv-definitions/test/sscan-test.db", "P=$(P)")
