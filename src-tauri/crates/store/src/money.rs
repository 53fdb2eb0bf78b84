//! Money in the store is TEXT holding a decimal. These are the only conversions.

use rust_decimal::Decimal;

use crate::StoreError;

pub fn to_text(amount: Decimal) -> String {
    // Keeps the scale the partner typed (4.50 stays 4.50).
    amount.to_string()
}

pub fn from_text(text: &str) -> Result<Decimal, StoreError> {
    text.parse::<Decimal>().map_err(|_| StoreError::Corrupt {
        what: "money",
        value: text.to_string(),
    })
}
