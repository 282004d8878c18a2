# The area detector pipeline of scripts/bench-ad: camera jioc:bench:cam1: (1024x1024 UInt16) on SIM1, ROI1 on SIM1,
# Stats1 and HDF1 on ROI1 (ADCore's usual chain: statistics and file of the region). Plugins start disabled with
# blocking callbacks off; the benchmark switches them per case. Spool directory: JIOC_HDF5_SPOOL.
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
dbLoadRecords("$(TOP)/pv-definitions/test/simdet-beamline.db", "P=jioc:bench:")
simDetectorConfig("SIM1", 1024, 1024, 3)
NDROIConfigure("ROI1", 20, 0, "SIM1", 0)
NDStatsConfigure("STATS1", 20, 0, "ROI1", 0)
NDFileHDF5Configure("HDF1", 20, 0, "ROI1", 0)
dbLoadRecords("$(TOP)/db-templates/simDetector.template", "P=jioc:bench:,R=cam1:,PORT=SIM1,DATATYPE=3,SAMPLE_X=jioc:bench:SampleX,SAMPLE_Y=jioc:bench:SampleY,ROTATION=jioc:bench:Rotation,ENERGY=jioc:bench:Energy")
dbLoadRecords("$(TOP)/db-templates/NDROI.template", "P=jioc:bench:,R=ROI1:,PORT=ROI1,NDARRAY_PORT=SIM1")
dbLoadRecords("$(TOP)/db-templates/NDStats.template", "P=jioc:bench:,R=Stats1:,PORT=STATS1,NDARRAY_PORT=ROI1")
dbLoadRecords("$(TOP)/db-templates/NDFileHDF5.template", "P=jioc:bench:,R=HDF1:,PORT=HDF1,NDARRAY_PORT=ROI1")
iocInit
