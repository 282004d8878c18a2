# Plans as PVs (docs/plans.md): bluesky's count, scan, rel_scan, list_scan, grid_scan (snake) and rel_grid_scan,
# run by the IOC on the 2-BM-B station's motors, with breakpoints, extra PVs, pre/post/at-break actions, bad-point
# retry and a run gate. PVs 2bmb:Plan:PlanName, M1..M4:Name/Start/Stop/Num/Positions/Snake, Num, Detectors,
# Triggers, Start, Abort, Pause, Resume, Status, Message, ScanId, Uid, PointsDone, PointsTotal, Progress, Eta.
# Every run is recorded in the run catalog (catalog.cmd); the queue commands count, scan, ... run the same plans.
# GATE: conditions that must hold before a plan moves anything (none here until the permits arrive), e.g.
# "GATE=S02BM-PSS:StaB:SecureM == 1".
# Data files: NeXus $(JIOC_HOME)/var/data/2bmb_0001.h5, ... and the SPEC file $(JIOC_HOME)/var/data/2bmb.spec
# (2bmb:Plan:FilePath, FileName, FileTemplate, FileNumber, AutoIncrement, SpecFile; docs/datafiles.md).
dbLoadRecords("$(TOP)/db-templates/plans.template", "P=2bmb:Plan:,GATE=,FILE_PATH=$(JIOC_HOME)/var/data,FILE_NAME=2bmb")
