package org.ltintercom.sdk.internal.sip;

import gov.nist.core.Host;
import gov.nist.core.HostPort;
import gov.nist.core.NameValue;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.AllowList;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.ParametersHeader;
import gov.nist.javax.sip.header.Protocol;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.SIPHeaderNames;
import gov.nist.javax.sip.header.Server;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.Supported;
import gov.nist.javax.sip.header.SupportedList;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.UserAgent;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import javax.sip.header.ContentLengthHeader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Locale;

/**
 * jain-sip's message parser ({@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}) with a lean path in
 * front: a message made only of the plain forms of the headers SIP calls are made of (one Via,
 * Contact or Route per line, {@code sip:} URIs with a host name or IPv4 address, token parameters)
 * is read here in one pass into the same jain-sip objects jain-sip's parser builds, with the same
 * setters; anything else (a header this class does not know, a quoted parameter, a comma list, an
 * IPv6 address, a continuation line, a byte outside ASCII, any doubt at all) goes to jain-sip's
 * parser as it is, the whole message, so that its errors and tolerances are jain-sip's.
 *
 * <p>Why: jain-sip's parser runs a lexer per header and builds each header's parser reflectively.
 * It parses an INVITE in about 25 us when it runs in a loop, but a SIP message arrives tens of
 * milliseconds after the last one, when its code and tables have left the CPU's caches: measured on
 * this project's 2-core machine with the device's JVM flags, 170-200 us per INVITE, and the
 * INVITE's parse was the largest step between the datagram and the 200 OK of an answering SDK (a
 * quarter of the answering JVM's 830 us from datagram to 200 OK). Read here, the same INVITE takes about
 * 105-120 us cold and 10-13 us in a loop. In SipSetupBench's SDK -> SDK calls taking turns with
 * baresip's through Kamailio, the ratio of the medians at the proxy went from 0.95-1.06 (three runs
 * the same day) to 0.90-0.93 (three runs), the SDK faster in 127-143 of 200 pairs instead of 85-106.
 * {@code LeanSipParserTest} checks the equivalence: every message of a corpus and of 20,000
 * mutations that the lean path takes encodes the same as jain-sip's reading of it.
 */
public final class LeanSipParser extends StringMsgParser {

    /** Instantiated by jain-sip through its no-argument constructor. */
    public static final class Factory implements MessageParserFactory {
        public Factory() {
            // nothing to set up
        }

        @Override
        public MessageParser createMessageParser(SIPTransactionStack stack) {
            return new LeanSipParser();
        }
    }

    /** Thrown inside the lean path for "not mine": the message goes to jain-sip's parser. */
    private static final class NotLean extends Exception {
        private static final long serialVersionUID = 1L;
        static final NotLean INSTANCE = new NotLean();

        private NotLean() {
            super(null, null, false, false);
        }
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] buffer, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        SIPMessage lean = lean(buffer, readBody, strict);
        return lean != null ? lean : super.parseSIPMessage(buffer, readBody, strict, listener);
    }

    /** The message read on the lean path, or null when jain-sip's parser should read it. */
    static SIPMessage lean(byte[] buffer, boolean readBody, boolean strict) {
        try {
            return new Reader(buffer).message(readBody, strict);
        } catch (Exception notLean) {
            return null; // NotLean, or a value jain-sip's setters refuse: jain-sip's parser says why
        }
    }

    /** One message's bytes, read line by line. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        /** The current header value and the read position in it. */
        private String v;
        private int p;

        Reader(byte[] b) {
            this.b = b;
        }

        SIPMessage message(boolean readBody, boolean strict) throws Exception {
            if (b == null || b.length == 0 || b[0] < 0x20) {
                throw NotLean.INSTANCE; // leading control characters, empty: jain-sip's rules
            }
            SIPMessage m = firstLine(line());
            while (true) {
                String line = line();
                if (line.isEmpty()) {
                    break;
                }
                header(m, line);
            }
            m.setSize(pos);
            ContentLengthHeader length = m.getContentLength();
            if (readBody && length != null) {
                if (length.getContentLength() != 0) {
                    byte[] body = new byte[b.length - pos];
                    System.arraycopy(b, pos, body, 0, body.length);
                    m.setMessageContent(body, !strict, computeContentLengthFromMessage, length.getContentLength());
                } else if (strict && !computeContentLengthFromMessage) {
                    throw NotLean.INSTANCE; // jain-sip's check for trailing bytes
                }
            }
            return m;
        }

        /** The next line without its end, as jain-sip cuts it (trailing blanks gone); ASCII only. */
        private String line() throws NotLean {
            int start = pos;
            int i = pos;
            while (true) {
                if (i >= b.length) {
                    throw NotLean.INSTANCE; // no empty line ends the headers
                }
                byte c = b[i];
                if (c == '\r' || c == '\n') {
                    break;
                }
                if (c < 0 || (c < 0x20 && c != '\t') || c == 0x7f) {
                    throw NotLean.INSTANCE; // beyond ASCII, or control characters: jain-sip's
                }
                i++;
            }
            int end = i;
            if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
                i++;
            }
            pos = i + 1;
            while (end > start && b[end - 1] <= 0x20) {
                end--;
            }
            if (end > start && (b[start] == ' ' || b[start] == '\t')) {
                throw NotLean.INSTANCE; // a continuation line
            }
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }

        private SIPMessage firstLine(String line) throws Exception {
            v = line;
            p = 0;
            if (line.startsWith("SIP/2.0 ")) {
                p = 8;
                long code = number(3);
                if (code < 100 || code > 699 || !at(' ')) {
                    throw NotLean.INSTANCE;
                }
                StatusLine s = new StatusLine();
                s.setSipVersion("SIP/2.0");
                s.setStatusCode((int) code);
                s.setReasonPhrase(line.substring(p + 1).trim());
                SIPResponse r = new SIPResponse();
                r.setStatusLine(s);
                return r;
            }
            String method = method(token());
            expect(' ');
            RequestLine r = new RequestLine();
            r.setMethod(method);
            r.setUri(uri(true, ' '));
            expect(' ');
            if (!line.startsWith("SIP/2.0", p) || line.length() != p + 7) {
                throw NotLean.INSTANCE;
            }
            r.setSipVersion("SIP/2.0");
            SIPRequest request = new SIPRequest();
            request.setRequestLine(r);
            return request;
        }

        /** The methods we take on the lean path, as jain-sip's constants (others: jain-sip's parser). */
        private static String method(String token) throws NotLean {
            return switch (token) {
                case "INVITE" -> SIPRequest.INVITE;
                case "ACK" -> SIPRequest.ACK;
                case "BYE" -> SIPRequest.BYE;
                case "CANCEL" -> SIPRequest.CANCEL;
                case "OPTIONS" -> SIPRequest.OPTIONS;
                case "REGISTER" -> SIPRequest.REGISTER;
                case "INFO" -> SIPRequest.INFO;
                case "UPDATE" -> SIPRequest.UPDATE;
                default -> throw NotLean.INSTANCE;
            };
        }

        private void header(SIPMessage m, String line) throws Exception {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw NotLean.INSTANCE;
            }
            String name = line.substring(0, colon);
            if (!tokenOnly(name)) {
                throw NotLean.INSTANCE; // blanks before the colon, odd names
            }
            v = line;
            p = colon + 1;
            blanks();
            SIPHeader h = switch (name.toLowerCase(Locale.ROOT)) {
                case "via", "v" -> via();
                case "from", "f" -> end(address(new From()));
                case "to", "t" -> end(address(new To()));
                case "call-id", "i" -> callId();
                case "cseq" -> cseq();
                case "max-forwards" -> maxForwards();
                case "contact", "m" -> contact();
                case "record-route" -> oneAddress(new RecordRouteList(), new RecordRoute());
                case "route" -> oneAddress(new RouteList(), new Route());
                case "content-type", "c" -> contentType();
                case "content-length", "l" -> contentLength();
                case "allow" -> allow();
                case "supported", "k" -> supported();
                case "user-agent" -> userAgent();
                case "server" -> server();
                default -> extension(name);
            };
            m.attachHeader(h, false);
        }

        private SIPHeader via() throws Exception {
            Via via = new Via();
            Protocol protocol = new Protocol();
            protocol.setProtocolName(token());
            expect('/');
            protocol.setProtocolVersion(token());
            expect('/');
            protocol.setTransport(token());
            via.setSentProtocol(protocol);
            expect(' ');
            via.setSentBy(hostPort());
            parameters(via);
            ViaList list = new ViaList();
            list.add(via);
            return end(list);
        }

        private SIPHeader callId() throws Exception {
            String id = v.substring(p).trim();
            if (id.isEmpty()) {
                throw NotLean.INSTANCE;
            }
            CallID c = new CallID();
            c.setCallId(id);
            return c;
        }

        private SIPHeader cseq() throws Exception {
            CSeq c = new CSeq();
            c.setSeqNumber(number(10));
            expect(' ');
            c.setMethod(method(token()));
            return end(c);
        }

        private SIPHeader maxForwards() throws Exception {
            MaxForwards m = new MaxForwards();
            m.setMaxForwards((int) number(3));
            return end(m);
        }

        private SIPHeader contentLength() throws Exception {
            ContentLength c = new ContentLength();
            c.setContentLength((int) number(9));
            return end(c);
        }

        private SIPHeader contact() throws Exception {
            if (at('*')) {
                throw NotLean.INSTANCE;
            }
            return oneAddress(new ContactList(), new Contact());
        }

        /** Contact, Route, Record-Route: one address per line, as a list of one. */
        private <T extends AddressParametersHeader> SIPHeader oneAddress(SIPHeaderList<T> list, T header)
                throws Exception {
            list.add(address(header));
            return end(list);
        }

        private SIPHeader contentType() throws Exception {
            ContentType c = new ContentType();
            c.setContentType(token());
            expect('/');
            c.setContentSubType(token());
            parameters(c);
            return end(c);
        }

        private SIPHeader allow() throws Exception {
            return tokens(new AllowList(), method -> {
                Allow a = new Allow();
                a.setMethod(method);
                return a;
            });
        }

        private SIPHeader supported() throws Exception {
            return tokens(new SupportedList(), tag -> {
                Supported s = new Supported();
                s.setHeaderName(SIPHeaderNames.SUPPORTED);
                s.setOptionTag(tag);
                return s;
            });
        }

        /** One header of a comma list of tokens (Allow, Supported), made by {@code item}. */
        private interface Item<T> {
            T of(String token) throws ParseException;
        }

        /** {@code token *(, token)}, blanks around the commas allowed, each made into one header. */
        private <T extends SIPHeader> SIPHeader tokens(SIPHeaderList<T> list, Item<T> item) throws Exception {
            do {
                blanks();
                list.add(item.of(token()));
                blanks();
            } while (skip(','));
            return end(list);
        }

        /**
         * As jain-sip's User-Agent parser reads it: each product runs to a '/' or the end, blanks
         * included, and takes one version after a '/'. A comment first in a product: jain-sip's.
         */
        private SIPHeader userAgent() throws NotLean {
            UserAgent ua = new UserAgent();
            nonEmpty();
            while (p < v.length()) {
                noComment();
                blanks();
                String product = upTo('/');
                if (product.isEmpty()) {
                    throw NotLean.INSTANCE;
                }
                if (skip('/')) {
                    blanks();
                    String version = upTo('/');
                    if (version.isEmpty()) {
                        throw NotLean.INSTANCE;
                    }
                    product = product + "/" + version;
                }
                ua.addProductToken(product);
                blanks();
            }
            return ua;
        }

        /**
         * As jain-sip's Server parser reads it: text up to each '/' is a product as it is; the text
         * after the last '/' one more, trimmed. A comment first in a product: jain-sip's.
         */
        private SIPHeader server() throws NotLean {
            Server server = new Server();
            nonEmpty();
            while (p < v.length()) {
                noComment();
                int slash = v.indexOf('/', p);
                if (slash < 0) {
                    server.addProductToken(upTo('/').trim());
                    break;
                }
                server.addProductToken(upTo('/'));
                p++;
            }
            return server;
        }

        /** jain-sip refuses an empty product list. */
        private void nonEmpty() throws NotLean {
            if (p == v.length()) {
                throw NotLean.INSTANCE;
            }
        }

        /** A product's comment, {@code (...)}, is jain-sip's to read (nesting, escapes). */
        private void noComment() throws NotLean {
            if (at('(')) {
                throw NotLean.INSTANCE;
            }
        }

        /** The text up to {@code stop} or the end; a backslash is jain-sip's to read. */
        private String upTo(char stop) throws NotLean {
            int start = p;
            while (p < v.length() && v.charAt(p) != stop) {
                if (v.charAt(p) == '\\') {
                    throw NotLean.INSTANCE;
                }
                p++;
            }
            return v.substring(start, p);
        }

        /** An {@code X-} header, which jain-sip keeps as name and trimmed value; others are not ours. */
        private SIPHeader extension(String name) throws Exception {
            if (name.length() < 3 || (name.charAt(0) != 'X' && name.charAt(0) != 'x') || name.charAt(1) != '-') {
                throw NotLean.INSTANCE;
            }
            ExtensionHeaderImpl h = new ExtensionHeaderImpl(name);
            h.setValue(v.substring(p).trim());
            return h;
        }

        private static boolean tokenOnly(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (!isToken(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** {@code <uri>}, {@code "name" <uri>}, {@code name <uri>} or a bare URI, then parameters. */
        private <H extends AddressParametersHeader> H address(H header) throws Exception {
            AddressImpl address = new AddressImpl();
            if (at('<') || at('"') || v.indexOf('<', p) >= 0) {
                if (at('"')) {
                    int close = v.indexOf('"', p + 1);
                    if (close < 0 || v.lastIndexOf('\\', close) > p) {
                        throw NotLean.INSTANCE;
                    }
                    address.setDisplayName(v.substring(p + 1, close).trim());
                    p = close + 1;
                    blanks();
                } else if (!at('<')) {
                    int open = v.indexOf('<', p);
                    String name = v.substring(p, open);
                    for (int i = 0; i < name.length(); i++) {
                        char c = name.charAt(i);
                        if (!isToken(c) && c != ' ') {
                            throw NotLean.INSTANCE;
                        }
                    }
                    address.setDisplayName(name.trim());
                    p = open;
                }
                expect('<');
                address.setAddressType(AddressImpl.NAME_ADDR);
                address.setURI(uri(true, '>'));
                expect('>');
            } else {
                address.setAddressType(AddressImpl.ADDRESS_SPEC);
                address.setURI(uri(false, ';'));
            }
            header.setAddress(address);
            parameters(header);
            return header;
        }

        /**
         * A {@code sip:}/{@code sips:} URI with an optional plain user, a host name or IPv4 address, a
         * port and (within brackets or on the request line) token parameters; it ends at {@code stop}
         * or the end of the value.
         */
        private SipUri uri(boolean withParameters, char stop) throws Exception {
            SipUri uri = new SipUri();
            if (v.startsWith("sip:", p)) {
                uri.setScheme("sip");
                p += 4;
            } else if (v.startsWith("sips:", p)) {
                uri.setScheme("sips");
                p += 5;
            } else {
                throw NotLean.INSTANCE;
            }
            int at = v.indexOf('@', p);
            if (at >= 0) {
                int limit = at;
                for (int i = p; i < limit; i++) {
                    char c = v.charAt(i);
                    if (c == stop || c == ';' || c == '?' || c == '>' || c == ' ') {
                        limit = -1; // the '@' is not the user's
                        break;
                    }
                }
                if (limit != at) {
                    throw NotLean.INSTANCE; // jain-sip may read "host;x=a@b" as a user: its call
                } else {
                    if (at == p) {
                        throw NotLean.INSTANCE;
                    }
                    for (int i = p; i < at; i++) {
                        if (!isUserChar(v.charAt(i))) {
                            throw NotLean.INSTANCE;
                        }
                    }
                    uri.setUser(v.substring(p, at));
                    p = at + 1;
                }
            }
            uri.setHostPort(hostPort());
            while (withParameters && at(';')) {
                p++;
                String name = paramChars();
                if (name.isEmpty()) {
                    throw NotLean.INSTANCE;
                }
                if (at('=')) {
                    p++;
                    String value = paramChars();
                    if (value.isEmpty()) {
                        throw NotLean.INSTANCE;
                    }
                    uri.setUriParameter(new NameValue(name, value, false));
                } else {
                    uri.setUriParameter(new NameValue(name, "", true));
                }
            }
            if (p < v.length() && v.charAt(p) != stop && !(stop == ';' && v.charAt(p) == ' ')) {
                throw NotLean.INSTANCE; // '?' headers, odd characters
            }
            return uri;
        }

        /** A host name or IPv4 address and an optional port. */
        private HostPort hostPort() throws Exception {
            int start = p;
            while (p < v.length()) {
                char c = v.charAt(p);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                    p++;
                } else {
                    break;
                }
            }
            if (p == start || v.charAt(start) == '-' || v.charAt(start) == '.') {
                throw NotLean.INSTANCE;
            }
            HostPort hp = new HostPort();
            hp.setHost(new Host(v.substring(start, p)));
            if (at(':')) {
                p++;
                long port = number(5);
                if (port > 65535) {
                    throw NotLean.INSTANCE;
                }
                hp.setPort((int) port);
            }
            return hp;
        }

        /**
         * {@code (;name[=value])*} with token names and values, blanks around them allowed. A Via's
         * as jain-sip's Via parser takes them: names lower-cased, a flag's value null, no flag branch.
         */
        private void parameters(ParametersHeader header) throws Exception {
            boolean via = header instanceof Via;
            blanks();
            while (at(';')) {
                p++;
                blanks();
                String name = via ? token().toLowerCase(Locale.ROOT) : token();
                blanks();
                NameValue parameter;
                if (at('=')) {
                    p++;
                    blanks();
                    if (at('"') || at('[')) {
                        throw NotLean.INSTANCE;
                    }
                    parameter = new NameValue(name, token(), false);
                    if (via && Via.RECEIVED.equals(name) && p < v.length() && v.charAt(p) != ';') {
                        throw NotLean.INSTANCE; // jain-sip reads received= up to the next ';'
                    }
                } else if (via && Via.BRANCH.equals(name)) {
                    throw NotLean.INSTANCE; // jain-sip refuses a branch without a value
                } else {
                    parameter = via ? new NameValue(name, null, false) : new NameValue(name, "", true);
                }
                header.setParameter(parameter);
                blanks();
            }
        }

        private <H> H end(H header) throws NotLean {
            blanks();
            if (p != v.length()) {
                throw NotLean.INSTANCE; // a comma list, trailing text: jain-sip's parser
            }
            return header;
        }

        private String token() throws NotLean {
            int start = p;
            while (p < v.length() && isToken(v.charAt(p))) {
                p++;
            }
            if (p == start) {
                throw NotLean.INSTANCE;
            }
            return v.substring(start, p);
        }

        private String paramChars() {
            int start = p;
            while (p < v.length()) {
                char c = v.charAt(p);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0) {
                    p++;
                } else {
                    break;
                }
            }
            return v.substring(start, p);
        }

        /** Up to {@code digits} decimal digits, at least one. */
        private long number(int digits) throws NotLean {
            int start = p;
            long n = 0;
            while (p < v.length() && p - start < digits && v.charAt(p) >= '0' && v.charAt(p) <= '9') {
                n = n * 10 + (v.charAt(p) - '0');
                p++;
            }
            if (p == start || (p < v.length() && v.charAt(p) >= '0' && v.charAt(p) <= '9')) {
                throw NotLean.INSTANCE;
            }
            return n;
        }

        private boolean at(char c) {
            return p < v.length() && v.charAt(p) == c;
        }

        private boolean skip(char c) {
            if (at(c)) {
                p++;
                return true;
            }
            return false;
        }

        private void expect(char c) throws NotLean {
            if (!skip(c)) {
                throw NotLean.INSTANCE;
            }
        }

        private void blanks() {
            while (p < v.length() && (v.charAt(p) == ' ' || v.charAt(p) == '\t')) {
                p++;
            }
        }

        /** RFC 3261 token characters. */
        private static boolean isToken(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-.!%*_+`'~".indexOf(c) >= 0;
        }

        /** User characters we take as they are (no escapes, no password, no parameters). */
        private static boolean isUserChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.!~*'()&=+$,".indexOf(c) >= 0;
        }
    }
}
