# The simulated area detector 2bmbSP1: (docs/areadetector.md), named like 2-BM's detector IOCs: camera cam1: on
# port SIM1 (1024x1024 UInt16) and the image plugin image1: on port IMAGE1. In SimMode "Beamline" the image is the
# beam through the sample on 2bmb:m63 (X), 2bmb:m25 (Y) and 2bmb:m102 (rotation) at 2bma:EnergyRBV, dark while
# 2bmbSP1:cam1:SimShutter is Closed. Included from st.cmd.
# simDetectorConfig(port, maxSizeX, maxSizeY, dataType): dataType 3 = UInt16.
simDetectorConfig("SIM1", 1024, 1024, 3)
# NDStdArraysConfigure(port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr)
NDStdArraysConfigure("IMAGE1", 3, 0, "SIM1", 0)
dbLoadRecords("$(TOP)/db-templates/simDetector.template", "P=2bmbSP1:,R=cam1:,PORT=SIM1,DATATYPE=3,SAMPLE_X=2bmb:m63.RBV,SAMPLE_Y=2bmb:m25.RBV,ROTATION=2bmb:m102.RBV,ENERGY=2bma:EnergyRBV")
dbLoadRecords("$(TOP)/db-templates/NDStdArrays.template", "P=2bmbSP1:,R=image1:,PORT=IMAGE1,NDARRAY_PORT=SIM1,ENABLED=1,TYPE=Int16,FTVL=USHORT,NELEMENTS=1048576")
# Pva1: each frame of SIM1 as an NTNDArray on the pvAccess channel 2bmbSP1:Pva1:Image (docs/areadetector-pva.md).
# NDPvaConfigure(port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr, pvName)
NDPvaConfigure("PVA1", 3, 0, "SIM1", 0, "2bmbSP1:Pva1:Image")
dbLoadRecords("$(TOP)/db-templates/NDPva.template", "P=2bmbSP1:,R=Pva1:,PORT=PVA1,NDARRAY_PORT=SIM1,ENABLED=1")
# ROI and Stats plugins as areaDetector's EXAMPLE_commonPlugins.cmd (docs/areadetector-roistats.md): ROI1..ROI4 and
# Stats1 on the camera, Stats2..Stats5 on ROI1..ROI4. Disabled (ENABLED=0) as in areaDetector, except Stats1: scans
# and plain caput read 2bmbSP1:Stats1:Total_RBV etc. for the whole frame without enabling anything first.
# NDROIConfigure/NDStatsConfigure(port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr)
NDROIConfigure("ROI1", 20, 0, "SIM1", 0)
NDROIConfigure("ROI2", 20, 0, "SIM1", 0)
NDROIConfigure("ROI3", 20, 0, "SIM1", 0)
NDROIConfigure("ROI4", 20, 0, "SIM1", 0)
NDStatsConfigure("STATS1", 20, 0, "SIM1", 0)
NDStatsConfigure("STATS2", 20, 0, "ROI1", 0)
NDStatsConfigure("STATS3", 20, 0, "ROI2", 0)
NDStatsConfigure("STATS4", 20, 0, "ROI3", 0)
NDStatsConfigure("STATS5", 20, 0, "ROI4", 0)
dbLoadRecords("$(TOP)/db-templates/NDROI.template", "P=2bmbSP1:,R=ROI1:,PORT=ROI1,NDARRAY_PORT=SIM1")
dbLoadRecords("$(TOP)/db-templates/NDROI.template", "P=2bmbSP1:,R=ROI2:,PORT=ROI2,NDARRAY_PORT=SIM1")
dbLoadRecords("$(TOP)/db-templates/NDROI.template", "P=2bmbSP1:,R=ROI3:,PORT=ROI3,NDARRAY_PORT=SIM1")
dbLoadRecords("$(TOP)/db-templates/NDROI.template", "P=2bmbSP1:,R=ROI4:,PORT=ROI4,NDARRAY_PORT=SIM1")
dbLoadRecords("$(TOP)/db-templates/NDStats.template", "P=2bmbSP1:,R=Stats1:,PORT=STATS1,NDARRAY_PORT=SIM1,ENABLED=1,HIST_SIZE=256")
dbLoadRecords("$(TOP)/db-templates/NDStats.template", "P=2bmbSP1:,R=Stats2:,PORT=STATS2,NDARRAY_PORT=ROI1,HIST_SIZE=256")
dbLoadRecords("$(TOP)/db-templates/NDStats.template", "P=2bmbSP1:,R=Stats3:,PORT=STATS3,NDARRAY_PORT=ROI2,HIST_SIZE=256")
dbLoadRecords("$(TOP)/db-templates/NDStats.template", "P=2bmbSP1:,R=Stats4:,PORT=STATS4,NDARRAY_PORT=ROI3,HIST_SIZE=256")
dbLoadRecords("$(TOP)/db-templates/NDStats.template", "P=2bmbSP1:,R=Stats5:,PORT=STATS5,NDARRAY_PORT=ROI4,HIST_SIZE=256")
# HDF1: the HDF5 file writer on SIM1 (docs/areadetector-hdf1.md): spool in $(JIOC_HOME)/var/hdf5-spool (what a crash
# leaves there is written at start), FilePath $(JIOC_HOME)/var/data/. Disabled until a client enables it, as in ADCore;
# CreateDirectory starts at -3 (what ophyd stages), so a new FilePath is made when a capture starts.
# NDFileHDF5Configure(port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr)
NDFileHDF5Configure("HDF1", 20, 0, "SIM1", 0)
dbLoadRecords("$(TOP)/db-templates/NDFileHDF5.template", "P=2bmbSP1:,R=HDF1:,PORT=HDF1,NDARRAY_PORT=SIM1,CREATE_DIR=-3")
