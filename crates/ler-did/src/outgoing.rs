//! The outgoing-request policy: which URLs and which network addresses a verifier may reach when
//! input it has not yet authenticated names them (`did:web` documents, status lists).
//!
//! A verifier service that fetches what a credential names can be made to probe its own
//! network (server-side request forgery). The policy closes that: `https` only, and every
//! address a host name resolves to is checked before any connection, against loopback,
//! private, link-local, unique-local, shared (CGNAT), multicast, broadcast, unspecified,
//! documentation and other reserved ranges, IPv4 addresses embedded in IPv6 (`::ffff:127.0.0.1`)
//! included. Numeric host spellings that C resolvers accept (`0x7f000001`, `2130706433`,
//! `0177.0.0.1`, `127.1`) are read as the addresses they denote, so they meet the same rules.
//! The HTTP client (feature `http`) dials only the addresses it checked: no second lookup.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The rules every outgoing request follows. The default is the strict policy: `https` only,
/// public addresses only. Loopback and plain `http` are for tests and local setups, and only
/// when the caller opts in.
///
/// ```
/// use ler_did::OutgoingPolicy;
///
/// let strict = OutgoingPolicy::default();
/// assert!(strict.check_url("https://issuer.example/.well-known/did.json").is_ok());
/// assert!(strict.check_url("https://0x7f000001/status/1").is_err());
/// assert!(strict.check_url("http://issuer.example/status/1").is_err());
/// let local = OutgoingPolicy::default().allow_loopback(true).allow_http(true);
/// assert!(local.check_url("http://127.0.0.1:8080/status/1").is_ok());
/// assert!(local.check_url("http://10.0.0.5/status/1").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct OutgoingPolicy {
    /// Whether loopback addresses (`127.0.0.0/8`, `::1`, and names resolving to them such as
    /// `localhost`) may be reached (default `false`).
    pub allow_loopback: bool,
    /// Whether plain `http` URLs are fetched (default `false`: `https` only).
    pub allow_http: bool,
}

/// A kind of address the policy refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AddressClass {
    /// `127.0.0.0/8`, `::1` (allowed with [`OutgoingPolicy::allow_loopback`]).
    Loopback,
    /// `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`.
    Private,
    /// `169.254.0.0/16`, `fe80::/10`.
    LinkLocal,
    /// `fc00::/7` (and the deprecated site-local `fec0::/10`).
    UniqueLocal,
    /// `100.64.0.0/10`, carrier-grade NAT.
    SharedAddressSpace,
    /// `0.0.0.0/8`, `::`.
    Unspecified,
    /// `255.255.255.255`.
    Broadcast,
    /// `224.0.0.0/4`, `ff00::/8`.
    Multicast,
    /// `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`, `2001:db8::/32`.
    Documentation,
    /// Other special-purpose ranges: `192.0.0.0/24`, `198.18.0.0/15`, `240.0.0.0/4`, Teredo
    /// `2001::/32`, and IPv6 forms that hide an IPv4 address the policy cannot see through.
    Reserved,
}

impl AddressClass {
    /// A short name for messages (`loopback`, `private`, …).
    pub fn name(self) -> &'static str {
        match self {
            AddressClass::Loopback => "loopback",
            AddressClass::Private => "private",
            AddressClass::LinkLocal => "link-local",
            AddressClass::UniqueLocal => "unique-local",
            AddressClass::SharedAddressSpace => "shared (carrier-grade NAT)",
            AddressClass::Unspecified => "unspecified",
            AddressClass::Broadcast => "broadcast",
            AddressClass::Multicast => "multicast",
            AddressClass::Documentation => "documentation",
            AddressClass::Reserved => "reserved",
        }
    }
}

impl fmt::Display for AddressClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which rule of the [`OutgoingPolicy`] a request breaks. The texts name the rule, never how
/// a host behind it answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyViolation {
    /// Not a URL the policy can read.
    #[error("the outgoing-request policy refuses it: not a valid URL")]
    InvalidUrl,
    /// A scheme other than `https` (or `http` when allowed).
    #[error("the outgoing-request policy fetches only https URLs (not {scheme:?})")]
    Scheme {
        /// The URL's scheme.
        scheme: String,
    },
    /// Plain `http` without [`OutgoingPolicy::allow_http`].
    #[error("the outgoing-request policy refuses plain http (allow_http is off)")]
    PlainHttp,
    /// User name or password in the URL.
    #[error("the outgoing-request policy refuses credentials in URLs")]
    Credentials,
    /// The host is, or resolves to, an address of a refused class.
    #[error("the outgoing-request policy refuses {class} addresses{hint}", hint = if *.class == AddressClass::Loopback { " (allow_loopback is off)" } else { "" })]
    Address {
        /// The class of the address.
        class: AddressClass,
    },
}

impl OutgoingPolicy {
    /// The strict policy: `https` only, public addresses only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Allows (or refuses) loopback addresses.
    #[must_use]
    pub fn allow_loopback(mut self, allow: bool) -> Self {
        self.allow_loopback = allow;
        self
    }

    /// Allows (or refuses) plain `http` URLs.
    #[must_use]
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Checks a URL before any lookup: its scheme, that it carries no credentials, and its host
    /// when the host is an address (in any spelling). A host name still has to pass
    /// [`OutgoingPolicy::check_address`] for every address it resolves to.
    pub fn check_url(&self, url: &str) -> Result<(), PolicyViolation> {
        let (scheme, rest) = url.split_once("://").ok_or(PolicyViolation::InvalidUrl)?;
        let scheme = scheme.to_ascii_lowercase();
        match scheme.as_str() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => return Err(PolicyViolation::PlainHttp),
            _ => return Err(PolicyViolation::Scheme { scheme }),
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            return Err(PolicyViolation::Credentials);
        }
        let host = host_of_authority(authority).ok_or(PolicyViolation::InvalidUrl)?;
        if let Some(ip) = host_address(host) {
            self.check_address(ip)?;
        } else if host.eq_ignore_ascii_case("localhost")
            || host.to_ascii_lowercase().ends_with(".localhost")
        {
            // Resolvers answer `localhost` locally, whatever DNS says.
            self.check_address(IpAddr::V4(Ipv4Addr::LOCALHOST))?;
        }
        Ok(())
    }

    /// Checks one address the request would connect to.
    pub fn check_address(&self, ip: IpAddr) -> Result<(), PolicyViolation> {
        match classify(ip) {
            None => Ok(()),
            Some(AddressClass::Loopback) if self.allow_loopback => Ok(()),
            Some(class) => Err(PolicyViolation::Address { class }),
        }
    }
}

/// The host of a URL authority (`host`, `host:port`, `[v6]:port`), without brackets.
fn host_of_authority(authority: &str) -> Option<&str> {
    if let Some(rest) = authority.strip_prefix('[') {
        let (inside, _) = rest.split_once(']')?;
        return Some(inside);
    }
    let host = authority.split(':').next().unwrap_or_default();
    (!host.is_empty()).then_some(host)
}

/// The address a host denotes when it is one: an IPv6 literal (brackets removed), or an IPv4
/// address in any spelling C resolvers accept (see [`parse_numeric_ipv4`]).
pub(crate) fn host_address(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if let Ok(v6) = bare.parse::<Ipv6Addr>() {
        return Some(IpAddr::V6(v6));
    }
    parse_numeric_ipv4(bare).map(IpAddr::V4)
}

/// An IPv4 address written the way `inet_aton` (and the WHATWG URL parser) read it: one to four
/// dot-separated parts, each decimal, octal (`0` prefix) or hexadecimal (`0x` prefix), the last
/// part filling the remaining bytes: `2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1` are all
/// `127.0.0.1`. A trailing dot is allowed. `None` when the text is not such a number.
pub(crate) fn parse_numeric_ipv4(text: &str) -> Option<Ipv4Addr> {
    let text = text.strip_suffix('.').unwrap_or(text);
    let parts: Vec<&str> = text.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut values = Vec::with_capacity(parts.len());
    for part in &parts {
        values.push(parse_number_part(part)?);
    }
    let (last, leading) = values.split_last()?;
    let mut address: u64 = 0;
    for &value in leading {
        if value > 255 {
            return None;
        }
        address = (address << 8) | value;
    }
    let remaining_bits = 8 * (4 - leading.len() as u32);
    if remaining_bits < 64 && *last >= (1u64 << remaining_bits) {
        return None;
    }
    address = (address << remaining_bits) | last;
    u32::try_from(address).ok().map(Ipv4Addr::from)
}

/// One part of a numeric IPv4 spelling: decimal, `0`-prefixed octal or `0x`-prefixed hex.
fn parse_number_part(part: &str) -> Option<u64> {
    if part.is_empty() || part.len() > 32 {
        return None;
    }
    let (digits, radix) =
        if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (hex, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (&part[1..], 8)
        } else {
            (part, 10)
        };
    if digits.is_empty() {
        // `0x` alone is zero for inet_aton.
        return (radix == 16).then_some(0);
    }
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// The class of a special-purpose address, or `None` for a public one.
pub(crate) fn classify(ip: IpAddr) -> Option<AddressClass> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<AddressClass> {
    let [a, b, c, _] = ip.octets();
    let class = if a == 0 {
        AddressClass::Unspecified
    } else if a == 127 {
        AddressClass::Loopback
    } else if a == 10 || (a == 172 && (16..32).contains(&b)) || (a == 192 && b == 168) {
        AddressClass::Private
    } else if a == 169 && b == 254 {
        AddressClass::LinkLocal
    } else if a == 100 && (64..128).contains(&b) {
        AddressClass::SharedAddressSpace
    } else if ip == Ipv4Addr::BROADCAST {
        AddressClass::Broadcast
    } else if (224..240).contains(&a) {
        AddressClass::Multicast
    } else if (a == 192 && b == 0 && c == 2)
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
    {
        AddressClass::Documentation
    } else if (a == 192 && b == 0 && c == 0) || (a == 198 && (b == 18 || b == 19)) || a >= 240 {
        AddressClass::Reserved
    } else {
        return None;
    };
    Some(class)
}

fn classify_v6(ip: Ipv6Addr) -> Option<AddressClass> {
    let segments = ip.segments();
    if ip.is_unspecified() {
        return Some(AddressClass::Unspecified);
    }
    if ip.is_loopback() {
        return Some(AddressClass::Loopback);
    }
    let embedded_v4 =
        |high: u16, low: u16| Ipv4Addr::from((u32::from(high) << 16) | u32::from(low));
    // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), IPv4-translated
    // (::ffff:0:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach an IPv4 host: judge that.
    let mapped = segments[..5] == [0, 0, 0, 0, 0] && segments[5] == 0xffff;
    let compatible = segments[..6] == [0, 0, 0, 0, 0, 0];
    let translated = segments[..4] == [0, 0, 0, 0] && segments[4] == 0xffff && segments[5] == 0;
    let nat64 = segments[0] == 0x64 && segments[1] == 0xff9b && segments[2..6] == [0, 0, 0, 0];
    if mapped || compatible || translated || nat64 {
        return classify_v4(embedded_v4(segments[6], segments[7]));
    }
    if segments[0] == 0x2002 {
        // 6to4 carries an IPv4 address in bits 16..48.
        return classify_v4(embedded_v4(segments[1], segments[2]));
    }
    let first = segments[0];
    let class = if first & 0xffc0 == 0xfe80 {
        AddressClass::LinkLocal
    } else if first & 0xfe00 == 0xfc00 || first & 0xffc0 == 0xfec0 {
        AddressClass::UniqueLocal
    } else if first & 0xff00 == 0xff00 {
        AddressClass::Multicast
    } else if first == 0x2001 && segments[1] == 0x0db8 {
        AddressClass::Documentation
    } else if (first == 0x2001 && segments[1] == 0)
        || (first == 0x0064 && segments[1] == 0xff9b)
        || first == 0x0100 && segments[1..4] == [0, 0, 0]
    {
        // Teredo, local-use NAT64 (64:ff9b:1::/48) and the discard prefix.
        AddressClass::Reserved
    } else {
        return None;
    };
    Some(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_spellings_are_the_addresses_they_denote() {
        let loopback = Some(Ipv4Addr::LOCALHOST);
        for text in [
            "127.0.0.1",
            "2130706433",
            "0x7f000001",
            "0X7F000001",
            "0177.0.0.1",
            "0x7f.0.0.1",
            "127.1",
            "127.0.1",
            "127.0.0.1.",
            "0177.0.0x0.01",
        ] {
            assert_eq!(parse_numeric_ipv4(text), loopback, "{text}");
        }
        for text in [
            "example.com",
            "256.0.0.1",
            "1.2.3.4.5",
            "08.0.0.1",
            "",
            "0x1g",
            "a1",
        ] {
            assert_eq!(parse_numeric_ipv4(text), None, "{text}");
        }
        assert_eq!(parse_numeric_ipv4("10.1"), Some(Ipv4Addr::new(10, 0, 0, 1)));
    }

    #[test]
    fn classes_cover_the_special_ranges() {
        let v4 = |s: &str| classify(IpAddr::V4(s.parse().unwrap()));
        let v6 = |s: &str| classify(IpAddr::V6(s.parse().unwrap()));
        assert_eq!(v4("93.184.216.34"), None);
        assert_eq!(v4("10.2.3.4"), Some(AddressClass::Private));
        assert_eq!(v4("172.31.0.1"), Some(AddressClass::Private));
        assert_eq!(v4("172.32.0.1"), None);
        assert_eq!(v4("192.168.1.1"), Some(AddressClass::Private));
        assert_eq!(v4("169.254.169.254"), Some(AddressClass::LinkLocal));
        assert_eq!(v4("100.64.0.1"), Some(AddressClass::SharedAddressSpace));
        assert_eq!(v4("0.0.0.0"), Some(AddressClass::Unspecified));
        assert_eq!(v4("255.255.255.255"), Some(AddressClass::Broadcast));
        assert_eq!(v4("239.1.1.1"), Some(AddressClass::Multicast));
        assert_eq!(v4("203.0.113.9"), Some(AddressClass::Documentation));
        assert_eq!(v6("2606:4700::1"), None);
        assert_eq!(v6("::1"), Some(AddressClass::Loopback));
        assert_eq!(v6("::ffff:127.0.0.1"), Some(AddressClass::Loopback));
        assert_eq!(v6("::ffff:10.0.0.5"), Some(AddressClass::Private));
        assert_eq!(v6("::127.0.0.1"), Some(AddressClass::Loopback));
        assert_eq!(v6("64:ff9b::a9fe:a9fe"), Some(AddressClass::LinkLocal));
        assert_eq!(v6("2002:7f00:1::"), Some(AddressClass::Loopback));
        assert_eq!(v6("fe80::1"), Some(AddressClass::LinkLocal));
        assert_eq!(v6("fd00::1"), Some(AddressClass::UniqueLocal));
        assert_eq!(v6("ff02::1"), Some(AddressClass::Multicast));
        assert_eq!(v6("2001:db8::1"), Some(AddressClass::Documentation));
        assert_eq!(v6("::"), Some(AddressClass::Unspecified));
    }
}
