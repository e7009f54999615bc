//! The outgoing-request policy without a network: which URLs and addresses it refuses, every
//! numeric spelling of an address included, and did:web DIDs that spell an address.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::IpAddr;

use ler_proof::{AddressClass, OutgoingPolicy, PolicyViolation, ResolveError, did_web_url};

const LOOPBACK_SPELLINGS: [&str; 10] = [
    "127.0.0.1",
    "0x7f000001",
    "0X7F000001",
    "2130706433",
    "0177.0.0.1",
    "0177.0.0.01",
    "127.1",
    "127.0.1",
    "0x7f.1",
    "017700000001",
];

#[test]
fn numeric_spellings_of_loopback_are_loopback_in_urls() {
    let strict = OutgoingPolicy::new();
    for host in LOOPBACK_SPELLINGS {
        let url = format!("https://{host}:8443/status/1");
        assert_eq!(
            strict.check_url(&url),
            Err(PolicyViolation::Address {
                class: AddressClass::Loopback
            }),
            "{url}"
        );
        assert!(
            OutgoingPolicy::new()
                .allow_loopback(true)
                .check_url(&url)
                .is_ok(),
            "{url}"
        );
    }
}

#[test]
fn ipv6_forms_of_ipv4_addresses_are_judged_as_ipv4() {
    let strict = OutgoingPolicy::new();
    for (host, class) in [
        ("[::1]", AddressClass::Loopback),
        ("[::ffff:127.0.0.1]", AddressClass::Loopback),
        ("[::ffff:7f00:1]", AddressClass::Loopback),
        ("[::127.0.0.1]", AddressClass::Loopback),
        ("[::ffff:0:127.0.0.1]", AddressClass::Loopback),
        ("[64:ff9b::7f00:1]", AddressClass::Loopback),
        ("[2002:7f00:1::1]", AddressClass::Loopback),
        ("[::ffff:10.0.0.1]", AddressClass::Private),
        ("[::ffff:169.254.169.254]", AddressClass::LinkLocal),
        ("[fe80::1]", AddressClass::LinkLocal),
        ("[fc00::1]", AddressClass::UniqueLocal),
        ("[::]", AddressClass::Unspecified),
        ("[ff02::1]", AddressClass::Multicast),
        ("[2001:db8::1]", AddressClass::Documentation),
    ] {
        let url = format!("https://{host}/x");
        assert_eq!(
            strict.check_url(&url),
            Err(PolicyViolation::Address { class }),
            "{url}"
        );
    }
    assert!(strict.check_url("https://[2606:4700::1111]/x").is_ok());
}

#[test]
fn every_special_ipv4_range_is_refused() {
    let strict = OutgoingPolicy::new();
    for (ip, class) in [
        ("10.255.0.1", AddressClass::Private),
        ("172.16.0.1", AddressClass::Private),
        ("172.31.255.255", AddressClass::Private),
        ("192.168.0.1", AddressClass::Private),
        ("169.254.0.1", AddressClass::LinkLocal),
        ("100.64.0.1", AddressClass::SharedAddressSpace),
        ("100.127.255.255", AddressClass::SharedAddressSpace),
        ("0.0.0.0", AddressClass::Unspecified),
        ("0.1.2.3", AddressClass::Unspecified),
        ("255.255.255.255", AddressClass::Broadcast),
        ("224.0.0.1", AddressClass::Multicast),
        ("192.0.2.1", AddressClass::Documentation),
        ("198.51.100.1", AddressClass::Documentation),
        ("203.0.113.1", AddressClass::Documentation),
        ("198.18.0.1", AddressClass::Reserved),
        ("240.0.0.1", AddressClass::Reserved),
    ] {
        let address: IpAddr = ip.parse().unwrap();
        assert_eq!(
            strict.check_address(address),
            Err(PolicyViolation::Address { class }),
            "{ip}"
        );
    }
    for public in ["93.184.216.34", "172.32.0.1", "100.128.0.1", "8.8.8.8"] {
        assert!(
            strict.check_address(public.parse().unwrap()).is_ok(),
            "{public}"
        );
    }
    // Loopback is the only class an opt-in opens.
    let local = OutgoingPolicy::new().allow_loopback(true).allow_http(true);
    assert!(local.check_address("127.0.0.1".parse().unwrap()).is_ok());
    assert!(local.check_address("10.0.0.1".parse().unwrap()).is_err());
}

#[test]
fn schemes_credentials_and_localhost() {
    let strict = OutgoingPolicy::new();
    assert_eq!(
        strict.check_url("http://issuer.example/x"),
        Err(PolicyViolation::PlainHttp)
    );
    assert!(matches!(
        strict.check_url("file:///etc/passwd"),
        Err(PolicyViolation::Scheme { .. })
    ));
    assert_eq!(
        strict.check_url("https://user:pw@issuer.example/x"),
        Err(PolicyViolation::Credentials)
    );
    for url in [
        "https://localhost/x",
        "https://LOCALHOST:8443/x",
        "https://a.localhost/x",
    ] {
        assert_eq!(
            strict.check_url(url),
            Err(PolicyViolation::Address {
                class: AddressClass::Loopback
            }),
            "{url}"
        );
    }
    assert!(strict.check_url("https://issuer.example/x").is_ok());
    assert!(
        OutgoingPolicy::new()
            .allow_http(true)
            .check_url("http://issuer.example/x")
            .is_ok()
    );
    // The texts name the rule.
    let text = strict
        .check_url("https://0x7f000001/")
        .unwrap_err()
        .to_string();
    assert_eq!(
        text,
        "the outgoing-request policy refuses loopback addresses (allow_loopback is off)"
    );
}

#[test]
fn did_web_refuses_every_spelling_of_an_address() {
    for host in
        LOOPBACK_SPELLINGS
            .iter()
            .copied()
            .chain(["10.1", "0xa000001", "example.0x10", "1.2.3.4"])
    {
        let did = format!("did:web:{host}");
        assert!(
            matches!(did_web_url(&did), Err(ResolveError::InvalidUrl { .. })),
            "{did}"
        );
        let did = format!("did:web:{host}%3A8443:issuers:a");
        assert!(
            matches!(did_web_url(&did), Err(ResolveError::InvalidUrl { .. })),
            "{did}"
        );
    }
    // Domain names that merely contain digits are domain names.
    assert!(did_web_url("did:web:0x7f000001.example.com").is_ok());
    assert!(did_web_url("did:web:123.example").is_ok());
}
