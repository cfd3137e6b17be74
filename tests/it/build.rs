use crate::support::Site;

#[test]
fn sample_site_builds() {
    let site = Site::sample();
    let out = site.build(&[]);
    assert!(crate::support::stdout(&out).starts_with("built "));
    assert!(site.path().join("public/ar/index.html").is_file());
    let _ = Site::fixture;
}
