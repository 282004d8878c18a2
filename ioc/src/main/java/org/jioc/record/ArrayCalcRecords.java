package org.jioc.record;

import org.jioc.db.DeviceRegistry;
import org.jioc.db.RecordType;

/** Array, calculation and sequencing records: waveform, aai, aao, subArray, calc, calcout, fanout, dfanout, seq, busy. */
final class ArrayCalcRecords {
    private ArrayCalcRecords() { }

    static final RecordType[] TYPES = {
        WaveformRecord.TYPE, AaiRecord.TYPE, AaoRecord.TYPE, SubArrayRecord.TYPE,
        CalcRecord.TYPE, CalcoutRecord.TYPE, FanoutRecord.TYPE, DfanoutRecord.TYPE, SeqRecord.TYPE, BusyRecord.TYPE,
    };

    static void registerDevices(DeviceRegistry r) {
        r.register("waveform", "Soft Channel", WaveformRecord.Soft::new);
        r.register("aai", "Soft Channel", AaiRecord.Soft::new);
        r.register("aao", "Soft Channel", AaoRecord.Soft::new);
        r.register("subArray", "Soft Channel", SubArrayRecord.Soft::new);
        r.register("calcout", "Soft Channel", CalcoutRecord.Soft::new);
        r.register("calcout", "Async Soft Channel", CalcoutRecord.AsyncSoft::new);
        r.register("busy", "Soft Channel", BusyRecord.Soft::new);
        r.register("busy", "Raw Soft Channel", BusyRecord.RawSoft::new);
    }
}
