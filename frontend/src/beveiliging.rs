//! The Content-Security-Policy of every response, written once: the server sets it on
//! everything it answers, with a fresh nonce that a page's inline scripts carry.
//!
//! Scripts run only from this site and, inline, only with the page's nonce (Leptos's
//! hydration script and its streamed data); WebAssembly may be compiled
//! (`'wasm-unsafe-eval'`); no plugin, no `<base>`, no framing by other sites. Style
//! attributes stay allowed because the timelines position their bars with them.

/// The policy; `nonce` is the page's nonce for inline scripts, none for anything that is
/// not a rendered page; `formulierdoelen` the other origins a form may end up at (the
/// identity providers a logout sends the browser on to).
pub fn inhoudsbeleid(nonce: Option<&str>, formulierdoelen: &[String]) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_owned(),
    };
    format!(
        "default-src 'self'; {scripts}; style-src 'self'; style-src-attr 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'{}; frame-ancestors 'none'",
        formulierdoelen
            .iter()
            .map(|d| format!(" {d}"))
            .collect::<String>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_inline_scripts_only_with_the_nonce() {
        let beleid = inhoudsbeleid(Some("abc"), &[]);
        assert!(beleid.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        let scripts = beleid
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .expect("a script-src");
        assert!(!scripts.contains("unsafe-inline"), "{scripts}");
        for eis in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(beleid.contains(eis), "{eis}");
        }
        assert!(!inhoudsbeleid(None, &[]).contains("nonce"));
        assert!(
            inhoudsbeleid(None, &["https://login.example".to_owned()])
                .contains("form-action 'self' https://login.example;")
        );
    }
}
