# The 2-BM hexapod (docs/hexapod.md): a simulated six-axis controller HXP with its PDU outlet, enable and lock
# fault, the axes 2bmHXP:m1..m6 (X Y Z U V W) and the HexapodReboot procedure. Included from st.cmd.
# At 2-BM the hexapod has its own IOC, hence its own prefix 2bmHXP: rather than 2bma:/2bmb:.
# hexapodSimCreate(port, bootSeconds): the controller takes 5 s to boot after power-on here (a real one ~1 min).
hexapodSimCreate("HXP", 5)
# motorSimConfigAxis(port, axis, highLimit, lowLimit, home, start) in raw steps (MRES 0.0001 mm or deg); limit
# switches 5% of the travel outside the soft limits. Y's home switch is at dial 350 mm (user 0 with OFF -350).
motorSimConfigAxis("HXP", 0, 525000, -525000, 0, 0)              # X  +-50 mm
motorSimConfigAxis("HXP", 1, 3775000, 3225000, 3500000, 3500000) # Y  dial 325..375 mm, home 350
motorSimConfigAxis("HXP", 2, 262500, -262500, 0, 0)              # Z  +-25 mm
motorSimConfigAxis("HXP", 3, 157500, -157500, 0, 0)              # U  +-15 deg
motorSimConfigAxis("HXP", 4, 157500, -157500, 0, 0)              # V  +-15 deg
motorSimConfigAxis("HXP", 5, 315000, -315000, 0, 0)              # W  +-30 deg
# WAIT: seconds the reboot keeps the outlet off (the runbook's ~2 min, shortened to 10 s in the simulation).
dbLoadTemplate("$(TOP)/pv-definitions/default/hexapod.substitutions", "P=2bmHXP:,PORT=HXP,WAIT=10")
