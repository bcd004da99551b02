/**
 * Stands in for `archiver` in the synth bundle (see scripts/bundle.js).
 * cdktf's root module loads archiver, and its whole dependency tree, only for
 * TerraformAsset's ARCHIVE type, which this project never uses. If anything
 * ever calls it, fail loudly rather than write a wrong archive.
 */
module.exports = function archiver() {
  throw new Error(
    "archiver is stubbed out of the synth bundle (scripts/bundle.js): " +
      "TerraformAsset archives are not supported on this path",
  );
};
