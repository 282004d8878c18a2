# The HDF5 file writer for tests/python/test_ad_hdf1.py: camera jioc:hdf:cam1: (64x48 UInt16 unless the test
# overrides SIZE_X/SIZE_Y) on SIM1, image1: on IMAGE1 and HDF1: on HDF1 (blocking callbacks, so every frame reaches
# the writer). The spool directory comes from JIOC_HDF5_SPOOL (the test's temporary directory).
epicsEnvSet("EPICS_DB_INCLUDE_PATH", "$(TOP)/db-templates")
dbLoadRecords("$(TOP)/pv-definitions/test/simdet-beamline.db", "P=jioc:hdf:")
simDetectorConfig("SIM1", $(SIZE_X=64), $(SIZE_Y=48), 3)
NDStdArraysConfigure("IMAGE1", 50, 1, "SIM1", 0)
NDFileHDF5Configure("HDF1", 50, 0, "SIM1", 0)
dbLoadRecords("$(TOP)/db-templates/simDetector.template", "P=jioc:hdf:,R=cam1:,PORT=SIM1,DATATYPE=3,SAMPLE_X=jioc:hdf:SampleX,SAMPLE_Y=jioc:hdf:SampleY,ROTATION=jioc:hdf:Rotation,ENERGY=jioc:hdf:Energy")
dbLoadRecords("$(TOP)/db-templates/NDStdArrays.template", "P=jioc:hdf:,R=image1:,PORT=IMAGE1,NDARRAY_PORT=SIM1,ENABLED=1,TYPE=Int16,FTVL=USHORT,NELEMENTS=1048576")
dbLoadRecords("$(TOP)/db-templates/NDFileHDF5.template", "P=jioc:hdf:,R=HDF1:,PORT=HDF1,NDARRAY_PORT=SIM1,ENABLED=1")
iocInit
