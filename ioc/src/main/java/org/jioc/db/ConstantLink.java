package org.jioc.db;

/** A constant link: a number, a JSON-style array "[1,2]" or {const:...}; loaded into the record only at init. */
public final class ConstantLink extends Link {
    public ConstantLink(String text) { super(text); }

    @Override
    public boolean isConstant() { return true; }

    private String constantText() {
        String t = text().trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            // {const: value} or {"const": value}
            String in = t.substring(1, t.length() - 1).trim();
            int colon = in.indexOf(':');
            if (colon > 0) t = in.substring(colon + 1).trim();
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1);
        return t;
    }

    @Override
    public boolean loadConstant(Record owner, FieldDef f) {
        String t = constantText();
        if (t.isEmpty()) return false;
        if (t.startsWith("[")) {
            double[] v = ArrayConvert.parseList(t);
            if (v == null || v.length == 0) {
                // a string array constant like ["abc"]
                String s = t.substring(1, t.length() - 1).trim();
                if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) s = s.substring(1, s.length() - 1);
                t = s;
            } else {
                t = NumberFormat.plain(v[0]);
            }
        }
        try {
            owner.storeString(f, t);
            return true;
        } catch (DbException e) {
            return false;
        }
    }

    @Override
    public int loadConstantArray(Record owner, Object dst, int capacity) {
        String t = constantText();
        if (t.isEmpty()) return -1;
        if (dst instanceof String[]) {
            String in = t.startsWith("[") ? t.substring(1, t.length() - 1) : t;
            String[] parts = in.split(",");
            int n = Math.min(parts.length, capacity);
            for (int i = 0; i < n; i++) {
                String p = parts[i].trim();
                if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) p = p.substring(1, p.length() - 1);
                ((String[]) dst)[i] = p;
            }
            return n;
        }
        double[] v = ArrayConvert.parseList(t);
        if (v == null) return -1;
        int n = Math.min(v.length, capacity);
        ArrayConvert.copy(v, 0, false, dst, 0, n);
        return n;
    }
}
