package org.jioc.pva;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.JiocServerPV;

/**
 * A read-only pvAccess channel whose structure belongs to its owner (an area detector plugin's NTNDArray, say),
 * not to a record field. The owner {@link #publish publishes} whole structures; gets read the latest one and
 * monitors receive each one (or, if a client falls behind, the newest, as core-pva coalesces).
 *
 * <p>The type is fixed when the channel is made: core-pva can only send updates of the type a client was first
 * given, so {@link #publish} refuses a structure of another type. A structure whose content varies in type (an
 * NTNDArray's pixels) keeps one type by carrying the variable part in a union or an {@code any} field.
 */
public final class OwnedChannel {
    private static final Logger LOG = Logger.getLogger(OwnedChannel.class.getName());

    private final String name;
    private final String owner;
    private final String type;
    private final LongSupplier largestValueBytes;
    /** The PVs core-pva serves this channel through now (one, or briefly two while a released one is replaced). */
    private final CopyOnWriteArrayList<Served> served = new CopyOnWriteArrayList<>();
    /** Guarded by this: the latest structure and how many were published. */
    private PVAStructure latest;
    private long published;

    /** Which channel a thread last read, and at which publication (see {@link Served#subscribed}). */
    private static final class ReadMark {
        OwnedChannel channel;
        long published;
    }

    private static final ThreadLocal<ReadMark> LAST_READ = ThreadLocal.withInitial(ReadMark::new);

    /**
     * @param name the channel name (must not be a record's), @param owner who publishes it (for messages and
     * pvasr), @param initial the structure served until the first publication (fixes the type),
     * @param largestValueBytes the most bytes a published structure can take (read when the server starts, to size
     * core-pva's send buffer)
     */
    public OwnedChannel(String name, String owner, PVAStructure initial, LongSupplier largestValueBytes) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a pvAccess channel needs a name");
        this.name = name;
        this.owner = Objects.requireNonNull(owner);
        this.latest = initial.cloneData();
        this.type = initial.formatType();
        this.largestValueBytes = Objects.requireNonNull(largestValueBytes);
    }

    public String name() { return name; }

    public String owner() { return owner; }

    /** The normative type id (e.g. {@code epics:nt/NTNDArray:1.0}). */
    public synchronized String typeId() { return latest.getStructureName(); }

    long largestValueBytes() { return largestValueBytes.getAsLong(); }

    /** Whether a structure of about this many bytes fits core-pva's send buffer (a larger one cannot be sent). */
    public static boolean fits(long bytes) {
        return bytes + SendBuffer.HEADROOM <= PvaConfig.sendBufferSize();
    }

    /**
     * Serve s from now on: gets read it and monitoring clients are sent what changed. s is not copied: the caller
     * must not change it afterwards. IllegalArgumentException if its type differs from the channel's.
     */
    public void publish(PVAStructure s) {
        if (!type.equals(s.formatType()))
            throw new IllegalArgumentException(name + ": published structure is not of the channel's type");
        synchronized (this) {
            latest = s;
            published++;
            for (Served sv : served) {
                JiocServerPV pv = sv.pv;
                if (pv == null || !pv.isSubscribed()) continue;
                try {
                    pv.update(s);
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "PVA monitor update of " + name + " failed", e);
                }
            }
        }
    }

    /** A copy of the latest structure (core-pva keeps and updates what it is given). */
    public synchronized PVAStructure current() { return latest.cloneData(); }

    /** The source of one core-pva PV of this channel (the server makes a new PV after releasing an unused one). */
    Served source() { return new Served(); }

    /** One core-pva PV of this channel: publications reach its monitors from {@link #attach} until released. */
    final class Served implements JiocServerPV.Source {
        private volatile JiocServerPV pv;

        void attach(JiocServerPV p) {
            pv = p;
            served.add(this);
        }

        @Override
        public PVAStructure read() {
            synchronized (OwnedChannel.this) {
                ReadMark m = LAST_READ.get();
                m.channel = OwnedChannel.this;
                m.published = published;
                return latest.cloneData();
            }
        }

        @Override
        public void subscribed(Consumer<PVAStructure> catchUp) {
            ReadMark m = LAST_READ.get();
            try {
                synchronized (OwnedChannel.this) {
                    // publish() holds this lock too, so the catch-up cannot overtake a newer structure
                    if (m.channel != OwnedChannel.this || m.published != published) catchUp.accept(latest.cloneData());
                }
            } finally {
                m.channel = null;
            }
        }

        @Override
        public void released() { served.remove(this); }

        @Override
        public void reinstated() { served.addIfAbsent(this); }
    }
}
