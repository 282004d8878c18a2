# Step scans (docs/sscan.md): the standard scan records of the 2-BM-B station, 2bmb:scan1..scan4 (chained for
# multi-dimensional scans), 2bmb:scanH, 2bmb:scanActive, 2bmb:ScanDim, 2bmb:AbortScans and 2bmb:scanPause.
dbLoadRecords("$(TOP)/db-templates/standardScans.db", "P=2bmb:,MAXPTS1=2000,MAXPTS2=1000,MAXPTS3=1000,MAXPTS4=1000,MAXPTSH=2000")
