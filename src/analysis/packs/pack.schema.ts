import { type Static, Type } from '@sinclair/typebox';

/** How far an alias can be trusted on its own. See docs/packs.md. */
export const AmbiguitySchema = Type.Union([
  Type.Literal('none'),
  Type.Literal('shared'),
  Type.Literal('common-word'),
  Type.Literal('title'),
]);

export const AliasSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    kind: Type.Optional(
      Type.Union([
        Type.Literal('name'),
        Type.Literal('first-name'),
        Type.Literal('surname'),
        Type.Literal('nickname'),
        Type.Literal('epithet'),
        Type.Literal('title'),
      ]),
    ),
    ambiguity: Type.Optional(AmbiguitySchema),
  },
  { additionalProperties: false },
);

export const CharacterSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    short: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    fandom: Type.String({ minLength: 1 }),
    also: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    gender: Type.Union([
      Type.Literal('female'),
      Type.Literal('male'),
      Type.Literal('nonbinary'),
      Type.Literal('other'),
    ]),
    pronouns: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    adult: Type.Boolean(),
    age_note: Type.Optional(Type.String()),
    aliases: Type.Optional(Type.Array(AliasSchema)),
  },
  { additionalProperties: false },
);

export const FandomSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    aliases: Type.Optional(Type.Array(AliasSchema)),
    keywords: Type.Optional(Type.Array(Type.String({ minLength: 2 }))),
  },
  { additionalProperties: false },
);

export const ShipSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    members: Type.Array(Type.String({ minLength: 1 }), { minItems: 2 }),
    kind: Type.Optional(Type.Union([Type.Literal('romantic'), Type.Literal('platonic')])),
    canon: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const TimelineSchema = Type.Object(
  {
    pattern: Type.String({ minLength: 1 }),
    tag: Type.String({ minLength: 1 }),
    fandom: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const PackSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]+$' }),
    fandoms: Type.Array(FandomSchema, { minItems: 1 }),
    rights_holders: Type.Optional(Type.Array(Type.String({ minLength: 2 }))),
    timeline: Type.Optional(Type.Array(TimelineSchema)),
    characters: Type.Array(CharacterSchema, { minItems: 1 }),
    ships: Type.Optional(Type.Array(ShipSchema)),
  },
  { additionalProperties: false },
);

export type Pack = Static<typeof PackSchema>;
export type PackCharacter = Static<typeof CharacterSchema>;
export type PackAlias = Static<typeof AliasSchema>;
