//! Where credentials may go: HTTPS anywhere, plain HTTP only to this machine, and only to the
//! host zone discovery named.

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::{Error, Result};

/// Refuses any URL that would carry credentials in clear text off this machine.
pub fn check_transport(url: &Url) -> Result<()> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        other => Err(Error::Config(format!(
            "refusing {other}:// for {}: only https, or http to a loopback address",
            url.host_str().unwrap_or("?")
        ))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Scheme, host and port of a URL, as compared for "same zone host".
pub fn origin(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or("").to_ascii_lowercase(),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// A URL the service handed back (nextPageUrl) must be on the zone's host: otherwise a spoofed
/// page could collect the credentials (§1.1, as one public client does).
pub fn check_same_zone(url: &Url, zone_api: &Url) -> Result<()> {
    if origin(url) == origin(zone_api) {
        check_transport(url)
    } else {
        Err(Error::ForeignHost {
            host: url.host_str().unwrap_or("").to_string(),
            zone_host: zone_api.host_str().unwrap_or("").to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_rules() {
        let cases = [
            ("https://webservices5.autotask.net/ATServicesRest/", true),
            ("http://127.0.0.1:8089/ATServicesRest/", true),
            ("http://127.8.0.1/x", true),
            ("http://[::1]:80/x", true),
            ("http://localhost:1/x", true),
            ("http://webservices5.autotask.net/ATServicesRest/", false),
            ("http://10.0.0.1/x", false),
            ("ftp://127.0.0.1/x", false),
        ];
        for (url, ok) in cases {
            let parsed = Url::parse(url).unwrap();
            assert_eq!(check_transport(&parsed).is_ok(), ok, "{url}");
        }
    }

    #[test]
    fn same_zone_compares_scheme_host_and_port() {
        let zone = Url::parse("https://webservices5.autotask.net/ATServicesRest/").unwrap();
        let ok = Url::parse("https://WEBSERVICES5.autotask.net:443/ATServicesRest/V1.0/Companies/query/next?paging=1").unwrap();
        assert!(check_same_zone(&ok, &zone).is_ok());
        for bad in [
            "https://evil.example/ATServicesRest/V1.0/Companies/query/next",
            "https://webservices5.autotask.net:8443/x",
            "https://webservices5.autotask.net.evil.example/x",
        ] {
            let url = Url::parse(bad).unwrap();
            assert!(
                matches!(check_same_zone(&url, &zone), Err(Error::ForeignHost { .. })),
                "{bad}"
            );
        }
    }
}
