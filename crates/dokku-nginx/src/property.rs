//! How one property value reads from a report and goes back on the `nginx:set` command line.

/// A typed nginx property value.
pub(crate) trait PropertyValue: Sized {
    /// Reads the report's text (never empty: an empty value means "not set" and is skipped).
    fn parse(text: &str) -> Result<Self, String>;
    /// The value as Dokku's `nginx:set` expects it.
    fn to_arg(&self) -> String;
}

impl PropertyValue for String {
    fn parse(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }

    fn to_arg(&self) -> String {
        self.clone()
    }
}

impl PropertyValue for bool {
    fn parse(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(format!("{other:?} is not true or false")),
        }
    }

    fn to_arg(&self) -> String {
        self.to_string()
    }
}

impl PropertyValue for u64 {
    fn parse(text: &str) -> Result<Self, String> {
        text.parse().map_err(|_| format!("{text:?} is not a whole number of seconds"))
    }

    fn to_arg(&self) -> String {
        self.to_string()
    }
}

impl PropertyValue for u32 {
    fn parse(text: &str) -> Result<Self, String> {
        text.parse().map_err(|_| format!("{text:?} is not a whole number"))
    }

    fn to_arg(&self) -> String {
        self.to_string()
    }
}
