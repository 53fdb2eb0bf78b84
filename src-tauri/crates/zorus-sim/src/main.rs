//! Runs the Zorus simulator on its own:
//! `zorus-sim [--port N] [--bind ADDR] [--seed PROFILE] [--seed-number N] [--key KEY]`

use std::net::SocketAddr;
use std::process::ExitCode;

use zorus_sim::{SeedProfile, SimConfig, Simulator, TimestampStyle};

const USAGE: &str = "usage: zorus-sim [--port N] [--bind ADDR] [--seed empty|tiny|small|large] [--seed-number N] [--key KEY] [--timestamps zulu|no-offset]";

fn parse(args: &[String]) -> Result<(SimConfig, SocketAddr), String> {
    let mut config = SimConfig::default();
    let mut port = 0u16;
    let mut ip = std::net::Ipv4Addr::LOCALHOST;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.into());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--port" => {
                port = value
                    .parse()
                    .map_err(|_| format!("--port: not a port number: {value}"))?
            }
            "--bind" => {
                ip = value
                    .parse()
                    .map_err(|_| format!("--bind: not an IPv4 address: {value}"))?
            }
            "--seed" => {
                config.seed = SeedProfile::parse(value)
                    .ok_or_else(|| format!("--seed: unknown profile {value}\n{USAGE}"))?
            }
            "--seed-number" => {
                config.seed_number = value
                    .parse()
                    .map_err(|_| format!("--seed-number: not a number: {value}"))?
            }
            "--key" => config.api_key = value.clone(),
            "--timestamps" => {
                config.timestamps = match value.as_str() {
                    "zulu" => TimestampStyle::Zulu,
                    "no-offset" => TimestampStyle::NoOffset,
                    _ => return Err(format!("--timestamps: zulu or no-offset\n{USAGE}")),
                }
            }
            _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
        }
    }
    Ok((config, SocketAddr::from((ip, port))))
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (config, addr) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let handle = match Simulator::start_on(config, addr).await {
        Ok(handle) => handle,
        Err(e) => {
            eprintln!("zorus-sim: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Scripts read this first line to learn the port.
    println!("listening on {}", handle.base_url());
    let _ = tokio::signal::ctrl_c().await;
    handle.shutdown().await;
    ExitCode::SUCCESS
}
