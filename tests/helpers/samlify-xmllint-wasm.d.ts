// The package ships no types; samlify calls `validate(xml)` and expects it to resolve or throw.
declare module '@authenio/samlify-xmllint-wasm' {
  export function validate(xml: string): Promise<true>;
}
