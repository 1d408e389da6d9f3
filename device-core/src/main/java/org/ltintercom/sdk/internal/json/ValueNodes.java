package org.ltintercom.sdk.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.function.Function;

/** The leaves of a tree: text, numbers, booleans and null. Immutable; shared between trees. */
final class ValueNodes {

    private ValueNodes() {
    }

    static final class TextNode extends JsonNode {
        private final String value;

        TextNode(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isTextual() {
            return true;
        }

        @Override
        public String textValue() {
            return value;
        }

        @Override
        public String asText() {
            return value;
        }

        @Override
        public int asInt(int defaultValue) {
            return parsed(Integer::valueOf, defaultValue);
        }

        @Override
        public long asLong(long defaultValue) {
            return parsed(Long::valueOf, defaultValue);
        }

        @Override
        public double asDouble(double defaultValue) {
            return parsed(Double::valueOf, defaultValue);
        }

        /** The text as a number, if it is one (surrounding blanks allowed). */
        private <T> T parsed(Function<String, T> parser, T otherwise) {
            try {
                return parser.apply(value.trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }

        @Override
        public boolean asBoolean(boolean defaultValue) {
            String t = value.trim();
            return t.equals("true") || (!t.equals("false") && defaultValue);
        }

        @Override
        public JsonNode deepCopy() {
            return this;
        }

        @Override
        void write(StringBuilder out) {
            Json.quote(value, out);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TextNode t && t.value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }

    /** Integer, Long, BigInteger (integral) or Double, BigDecimal, as the parser or the writer of the tree gave it. */
    static final class NumberNode extends JsonNode {
        private final Number value;

        NumberNode(Number value) {
            if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
                throw new IllegalArgumentException("number: JSON has no " + value);
            }
            this.value = value instanceof Short || value instanceof Byte ? Integer.valueOf(value.intValue())
                    : value instanceof Float ? Double.valueOf(value.toString()) : value;
        }

        Number number() {
            return value;
        }

        @Override
        public boolean isNumber() {
            return true;
        }

        @Override
        public boolean isInt() {
            return value instanceof Integer;
        }

        @Override
        public boolean isIntegralNumber() {
            return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
        }

        @Override
        public String asText() {
            return value.toString();
        }

        @Override
        public int asInt(int defaultValue) {
            return value.intValue();
        }

        @Override
        public long asLong(long defaultValue) {
            return value.longValue();
        }

        @Override
        public double asDouble(double defaultValue) {
            return value.doubleValue();
        }

        @Override
        public boolean asBoolean(boolean defaultValue) {
            return value.doubleValue() != 0;
        }

        @Override
        public int intValue() {
            return value.intValue();
        }

        @Override
        public long longValue() {
            return value.longValue();
        }

        @Override
        public double doubleValue() {
            return value.doubleValue();
        }

        @Override
        public boolean canConvertToLong() {
            if (value instanceof Integer || value instanceof Long) {
                return true;
            }
            BigDecimal d = value instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(value.toString());
            return d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0 && d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
        }

        @Override
        public boolean canConvertToExactIntegral() {
            if (isIntegralNumber()) {
                return true;
            }
            BigDecimal d = new BigDecimal(value.toString());
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        }

        @Override
        public JsonNode deepCopy() {
            return this;
        }

        @Override
        void write(StringBuilder out) {
            out.append(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NumberNode n && n.value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }

    static final class BooleanNode extends JsonNode {
        static final BooleanNode TRUE = new BooleanNode(true);
        static final BooleanNode FALSE = new BooleanNode(false);
        private final boolean value;

        private BooleanNode(boolean value) {
            this.value = value;
        }

        static BooleanNode of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        public boolean isBoolean() {
            return true;
        }

        @Override
        public boolean booleanValue() {
            return value;
        }

        @Override
        public String asText() {
            return String.valueOf(value);
        }

        @Override
        public int asInt(int defaultValue) {
            return value ? 1 : 0;
        }

        @Override
        public long asLong(long defaultValue) {
            return value ? 1 : 0;
        }

        @Override
        public double asDouble(double defaultValue) {
            return value ? 1 : 0;
        }

        @Override
        public boolean asBoolean(boolean defaultValue) {
            return value;
        }

        @Override
        public JsonNode deepCopy() {
            return this;
        }

        @Override
        void write(StringBuilder out) {
            out.append(value);
        }
    }

    static final class NullNode extends JsonNode {
        static final NullNode INSTANCE = new NullNode();

        @Override
        public boolean isNull() {
            return true;
        }

        @Override
        public String asText() {
            return "null";
        }

        @Override
        public JsonNode deepCopy() {
            return this;
        }

        @Override
        void write(StringBuilder out) {
            out.append("null");
        }
    }
}
