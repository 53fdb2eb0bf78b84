//! What the partner types, checked before anything is planned.

use std::str::FromStr;

use rust_decimal::Decimal;

/// Why an amount was refused; the message says what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("Enter {what} as a number, for example 4.50.")]
    NotANumber { what: &'static str },
    #[error("{what} cannot be negative.")]
    Negative { what: &'static str },
    #[error("{what} can have at most 4 decimal places.")]
    TooPrecise { what: &'static str },
    #[error("{what} cannot be more than 1,000,000.")]
    TooLarge { what: &'static str },
}

pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// Parses a price or cost per seat: at least 0, at most 4 decimal places, at most 1,000,000.
/// A decimal comma is accepted when there is no dot ("4,50" as many locales type it); thousands
/// separators are not, since "1,000" would be ambiguous.
pub fn parse_amount(text: &str, what: &'static str) -> Result<Decimal, AmountError> {
    let t = text.trim().trim_start_matches(['$', '€', '£']).trim();
    let normalized = if t.contains(',') && !t.contains('.') && t.matches(',').count() == 1 {
        t.replace(',', ".")
    } else {
        t.to_string()
    };
    if normalized.is_empty() || normalized.contains(['e', 'E']) {
        return Err(AmountError::NotANumber { what });
    }
    let value = Decimal::from_str(&normalized).map_err(|_| AmountError::NotANumber { what })?;
    check_amount(value, what)
}

pub fn check_amount(value: Decimal, what: &'static str) -> Result<Decimal, AmountError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(AmountError::Negative { what });
    }
    if value.normalize().scale() > 4 {
        return Err(AmountError::TooPrecise { what });
    }
    if value > MAX_AMOUNT {
        return Err(AmountError::TooLarge { what });
    }
    Ok(value)
}
