# The simulated 2-BM motion controllers (motorSim), one per station, and their motors. Included from st.cmd.
# motorSimConfigAxis(port, axis, highLimit, lowLimit, home, start): hard limit switches, home switch and start
# position in raw steps (EGU / MRES of the motor in motors-2bm?.substitutions); each axis' switches sit 5% of its
# travel outside its soft limits. Continuous axes have no limit switches (motorSimSetContinuous).
motorSimCreateController("SIM_A", 20)
motorSimConfigAxis("SIM_A", 0, 22000, -22000, 0, 0)         # M1 mirror Y
motorSimConfigAxis("SIM_A", 1, 53000, -13000, 0, 0)         # M1 mirror pitch
motorSimConfigAxis("SIM_A", 2, 33000, -33000, 0, 0)         # M1 mirror stripe X
motorSimConfigAxis("SIM_A", 3, 63500, -13500, 0, 0)         # DMM upstream Y
motorSimConfigAxis("SIM_A", 4, 63500, -13500, 0, 0)         # DMM downstream Y
motorSimConfigAxis("SIM_A", 5, 317500, -67500, 0, 0)        # DMM M1 Bragg
motorSimConfigAxis("SIM_A", 6, 317500, -67500, 0, 0)        # DMM M2 Bragg
motorSimConfigAxis("SIM_A", 7, 42500, -12500, 0, 0)         # DMM M2 Y (perpendicular)
motorSimConfigAxis("SIM_A", 8, 630000, -30000, 0, 0)        # DMM M2 Z (along the beam)
motorSimConfigAxis("SIM_A", 9, 27500, -27500, 0, 0)         # DMM M1 X
motorSimConfigAxis("SIM_A", 10, 27500, -27500, 0, 0)        # DMM M2 X
motorSimConfigAxis("SIM_A", 11, 3155000, -255000, 1000000, 0) # DCM Bragg
motorSimConfigAxis("SIM_A", 12, 63500, -13500, 30000, 0)   # DCM 2nd crystal perp
motorSimConfigAxis("SIM_A", 13, 22000, -22000, 0, 0)        # DCM 2nd crystal pitch
motorSimConfigAxis("SIM_A", 14, 52500, -2500, 0, 0)         # A beam flag Y
motorSimSetContinuous("SIM_A", 15, 1)              # A filter wheel
motorSimConfigAxis("SIM_A", 16, 22000, -22000, 0, 0)        # A slit top
motorSimConfigAxis("SIM_A", 17, 22000, -22000, 0, 0)        # A slit bottom
motorSimConfigAxis("SIM_A", 18, 22000, -22000, 0, 0)        # A slit inboard
motorSimConfigAxis("SIM_A", 19, 22000, -22000, 0, 0)        # A slit outboard
motorSimCreateController("SIM_B", 13)
motorSimSetContinuous("SIM_B", 0, 1)              # Sample rotation
motorSimConfigAxis("SIM_B", 1, 275000, -275000, 0, 0)       # Sample X
motorSimConfigAxis("SIM_B", 2, 165000, -165000, 0, 0)       # Sample Y
motorSimConfigAxis("SIM_B", 3, 55000, -55000, 0, 0)         # Sample top X
motorSimConfigAxis("SIM_B", 4, 55000, -55000, 0, 0)         # Sample top Z
motorSimConfigAxis("SIM_B", 5, 55000, -55000, 0, 0)         # B table Y
motorSimConfigAxis("SIM_B", 6, 55000, -55000, 0, 0)         # B table X
motorSimConfigAxis("SIM_B", 7, 22000, -22000, 0, 0)         # B slit top
motorSimConfigAxis("SIM_B", 8, 22000, -22000, 0, 0)         # B slit bottom
motorSimConfigAxis("SIM_B", 9, 22000, -22000, 0, 0)         # B slit inboard
motorSimConfigAxis("SIM_B", 10, 22000, -22000, 0, 0)        # B slit outboard
motorSimConfigAxis("SIM_B", 11, 110000, -110000, 0, 0)      # Lens focus
motorSimConfigAxis("SIM_B", 12, 157500, -7500, 0, 0)        # Detector Z
dbLoadTemplate("$(TOP)/pv-definitions/default/motors-2bma.substitutions", "P=2bma:")
dbLoadTemplate("$(TOP)/pv-definitions/default/motors-2bmb.substitutions", "P=2bmb:")
# motor_homing procedures for groups of these motors ($(P)Home*:Start ..., docs/procedures.md).
dbLoadTemplate("$(TOP)/pv-definitions/default/homing.substitutions")
