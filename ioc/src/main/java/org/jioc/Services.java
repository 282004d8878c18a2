package org.jioc;

import org.jioc.ca.CaService;

/** The services every jioc process runs (protocol servers). One place, so tests and Main start the same IOC. */
public final class Services {
    private Services() { }

    public static void install(Ioc ioc) {
        ioc.addService(new CaService(ioc.accessSecurity()));
        ioc.addService(new org.jioc.security.AccessSecurityService(ioc.accessSecurity()));
        ioc.addService(new org.jioc.autosave.AutosaveService());
        ioc.addService(new org.jioc.pva.PvaService(ioc.accessSecurity()));
        org.jioc.procedure.ProcedureService procedures = new org.jioc.procedure.ProcedureService(ioc.model());
        ioc.addService(procedures);
        ioc.addService(new org.jioc.motion.MotionService(ioc.devices()));
        ioc.addService(new org.jioc.hexapod.HexapodService(ioc));
        ioc.addService(new org.jioc.areadetector.AreaDetectorService(ioc.devices()));
        ioc.addService(new org.jioc.catalog.RunCatalogService(ioc.model()));
        ioc.addService(new org.jioc.plan.PlanService(ioc));
        ioc.addService(new org.jioc.savedata.SaveDataService(ioc));
        // Beamline procedures (docs/procedures.md), one line each.
        procedures.register("motor_homing", org.jioc.motion.MotorHoming::new);
        procedures.register("hexapod_reboot", org.jioc.hexapod.HexapodReboot::new);
        procedures.register("energy_setting", org.jioc.energy.EnergySetting::new);
    }
}
