use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the local database at {path} could not be opened: {message}")]
    Open { path: String, message: String },
    #[error("the local database failed: {0}")]
    Db(#[from] DbErr),
    #[error("the local database could not be backed up before its upgrade: {0}")]
    Backup(String),
    #[error("a value in the local database is not valid ({what}): {value}")]
    Corrupt { what: &'static str, value: String },
    #[error("{0} was not found in the local database")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("no folder for the app's data could be found: set ZORUS_AUTOTASK_DATA_DIR")]
    NoDataDir,
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}
