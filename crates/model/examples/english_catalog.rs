//! Prints `locales/en/catalog.ftl` as the catalog makes it; `cargo xtask locales` writes it.

fn main() {
    print!("{}", flow_model::catalog::english_template());
}
