// A translation of a catalogue has the Vietnamese catalogue's shape with any text in each place:
// the same keys, the same list lengths, nothing missing and nothing extra, so a string left out of
// a translation fails the build instead of showing an empty space on a page.
export type Translation<T> = T extends string ? string : { readonly [K in keyof T]: Translation<T[K]> };
