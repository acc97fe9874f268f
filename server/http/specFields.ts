/** The field shapes every resource spec repeats: its id, a reference to another row, its creation instant. */
export const id = { kind: 'id', filter: true, sort: true } as const;
export const ref = { kind: 'int', filter: true, sort: true } as const;
export const nullableRef = { kind: 'int', filter: true, sort: true, nullable: true } as const;
export const createdAt = { kind: 'instant', filter: 'range', sort: true } as const;
