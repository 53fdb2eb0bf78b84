use serde::{Deserialize, Serialize};

/// `GET ThresholdInformation` (§7.2). Reading it costs a request and a thread slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThresholdInformation {
    pub external_request_threshold: u64,
    /// Minutes.
    pub request_threshold_timeframe: u64,
    pub current_timeframe_request_count: u64,
}
