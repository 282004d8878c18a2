# Energy setting for 2-BM-A (docs/energy.md): 2bma:Energy, 2bma:EnergyMode, 2bma:EnergyMove, ... and the
# procedure 2bma:EnergySetting, moving the motors of motors.cmd along the calibration table (a simulated one:
# computed, not 2-BM's numbers). Set ENERGY_TABLE before this line to use another table. Included from st.cmd.
epicsEnvSet("ENERGY_TABLE", "$(ENERGY_TABLE=$(TOP)/pv-definitions/default/energy-2bm.json)")
dbLoadTemplate("$(TOP)/db-templates/energy.substitutions", "P=2bma:,TABLE=$(ENERGY_TABLE)")
