import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../../domain/required-tags.ts';
import type { FormValues } from '../forms/work-form-fields.ts';
import { Csrf, Field, Problems } from './account.page.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

const text = (values: FormValues, name: string) => {
  const value = values[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};
const chosen = (values: FormValues, name: string, option: string) => {
  const value = values[name];
  return Array.isArray(value) ? value.includes(option) : value === option;
};

function Input({
  values,
  name,
  label,
  hint,
  required,
  tagKind,
}: {
  values: FormValues;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** A tag field: quire.js offers canonical tags of this kind as the author types. */
  tagKind?: string;
}) {
  return (
    <Field
      name={name}
      label={label}
      value={text(values, name)}
      autocomplete="off"
      required={required === true}
      {...(hint === undefined ? {} : { hint })}
      {...(tagKind === undefined ? {} : { tagKind })}
    />
  );
}

function TextArea({
  values,
  name,
  label,
  rows = 4,
  required,
}: {
  values: FormValues;
  name: string;
  label: string;
  rows?: number;
  required?: boolean;
}) {
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <textarea id={name} name={name} rows={rows} required={required}>
        {text(values, name)}
      </textarea>
    </div>
  );
}

function FormatSelect({ values, name, label }: { values: FormValues; name: string; label: string }) {
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <select id={name} name={name}>
        {[
          ['html', 'HTML'],
          ['markdown', 'Markdown'],
          ['text', 'Plain text'],
        ].map(([value, title]) => (
          <option key={value} value={value} selected={text(values, name) === value}>
            {title}
          </option>
        ))}
      </select>
    </div>
  );
}

function Checks({
  values,
  name,
  legend,
  options,
}: {
  values: FormValues;
  name: string;
  legend: string;
  options: readonly string[];
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option, index) => (
        <div class="check" key={option}>
          <input
            type="checkbox"
            id={`${name}-${index}`}
            name={name}
            value={option}
            checked={chosen(values, name, option)}
          />
          <label for={`${name}-${index}`}>{option}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Checkbox({ values, name, label }: { values: FormValues; name: string; label: string }) {
  return (
    <div class="check">
      <input type="checkbox" id={name} name={name} checked={text(values, name) === 'on'} />
      <label for={name}>{label}</label>
    </div>
  );
}

/** Every AO3 work field but the chapters. */
export function WorkFieldsFieldset({ values }: { values: FormValues }) {
  return (
    <>
      <fieldset>
        <legend>Tags</legend>
        <div class="field">
          <label for="rating">Rating</label>
          <select id="rating" name="rating" required>
            <option value="">Choose a rating</option>
            {RATINGS.map((rating) => (
              <option key={rating} value={rating} selected={text(values, 'rating') === rating}>
                {rating}
              </option>
            ))}
          </select>
        </div>
        <Checks values={values} name="warnings" legend="Archive warnings" options={ARCHIVE_WARNINGS} />
        <Checks values={values} name="categories" legend="Categories" options={CATEGORIES} />
        <Input
          values={values}
          name="fandoms"
          label="Fandoms"
          hint="Separate tags with commas."
          required
          tagKind="fandom"
        />
        <Input values={values} name="relationships" label="Relationships" tagKind="relationship" />
        <Input values={values} name="characters" label="Characters" tagKind="character" />
        <Input values={values} name="freeforms" label="Additional tags" tagKind="freeform" />
      </fieldset>
      <fieldset>
        <legend>Preface</legend>
        <Input values={values} name="title" label="Work title" required />
        <FormatSelect values={values} name="format" label="Summary and notes are written in" />
        <TextArea values={values} name="summary" label="Summary" />
        <TextArea values={values} name="notes" label="Notes (at the beginning)" />
        <TextArea values={values} name="endNotes" label="End notes" />
      </fieldset>
      <fieldset>
        <legend>Associations</legend>
        <Input values={values} name="series_title" label="Series" hint="A series title; it is made if new." />
        <Input values={values} name="series_position" label="Part of the series" />
        <Input values={values} name="language" label="Language" hint="A code such as en, de or pt-BR." />
      </fieldset>
      <fieldset>
        <legend>Status and privacy</legend>
        <Checkbox values={values} name="complete" label="This work is complete" />
        <Input
          values={values}
          name="chaptersPlanned"
          label="Chapters planned"
          hint="Leave empty if unknown."
        />
        <Checkbox values={values} name="restricted" label="Only show this work to logged-in members" />
      </fieldset>
    </>
  );
}

/** One chapter's fields; `schedule` offers a time to post it at. */
export function ChapterFieldset({
  values,
  index,
  legend,
  schedule,
}: {
  values: FormValues;
  index: number;
  legend: string;
  schedule?: boolean;
}) {
  const name = (field: string) => `chapter_${index}_${field}`;
  return (
    <fieldset class="chapter-fields">
      <legend>{legend}</legend>
      <Input values={values} name={name('title')} label="Chapter title" />
      <TextArea values={values} name={name('notes')} label="Chapter notes" rows={2} />
      <FormatSelect values={values} name={name('format')} label="The text is written in" />
      <TextArea values={values} name={name('body')} label="Chapter text" rows={16} required />
      <TextArea values={values} name={name('endNotes')} label="Chapter end notes" rows={2} />
      {schedule ? (
        <div class="field">
          <label for={name('publishAt')}>Post at (UTC)</label>
          <p class="hint" id={`${name('publishAt')}-hint`}>
            Leave empty to post now.
          </p>
          <input
            id={name('publishAt')}
            name={name('publishAt')}
            type="datetime-local"
            value={text(values, name('publishAt'))}
            aria-describedby={`${name('publishAt')}-hint`}
          />
        </div>
      ) : null}
    </fieldset>
  );
}

function chapterCountOf(values: FormValues): number {
  let count = 0;
  while (values[`chapter_${count}_body`] !== undefined) count++;
  return Math.max(1, count);
}

export function NewWorkPage({
  ctx,
  csrf,
  pseuds,
  values,
  problems,
  notices = [],
}: {
  ctx: PageContext;
  csrf: string;
  pseuds: string[];
  values: FormValues;
  problems?: string[];
  notices?: string[];
}) {
  const chapters = chapterCountOf(values);
  return (
    <Layout ctx={ctx} title="Post a new work" noindex>
      <h1>Post a new work</h1>
      <Problems problems={problems} />
      {notices.length > 0 ? (
        <div role="status" class="notices">
          {notices.map((notice) => (
            <p key={notice}>{notice}</p>
          ))}
        </div>
      ) : null}
      <form method="post" action="/works/new/upload" enctype="multipart/form-data" class="upload-form">
        <Csrf value={csrf} />
        <div class="field">
          <label for="file">Start from a file</label>
          <p class="hint" id="file-hint">
            A .txt, .html, .epub or .docx file fills in this form; you check it before anything is posted.
          </p>
          <input id="file" name="file" type="file" aria-describedby="file-hint" required />
        </div>
        <button type="submit">Fill in from the file</button>
      </form>
      <form method="post" action="/works/new" class="work-form">
        <Csrf value={csrf} />
        <fieldset>
          <legend>Creators</legend>
          <Checks values={values} name="pseuds" legend="Post as" options={pseuds} />
          <Input
            values={values}
            name="coCreators"
            label="Co-creators"
            hint="Pseuds of other members, separated by commas; they are listed once they accept."
          />
        </fieldset>
        <WorkFieldsFieldset values={values} />
        {Array.from({ length: chapters }, (_, index) => (
          <ChapterFieldset
            key={index}
            values={values}
            index={index}
            legend={chapters === 1 ? 'Work text' : `Chapter ${index + 1}`}
            schedule={index > 0}
          />
        ))}
        <div class="actions">
          <button type="submit" name="action" value="preview" class="primary">
            Preview
          </button>
          <button type="submit" name="action" value="post">
            Post without preview
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function EditWorkPage({
  ctx,
  csrf,
  workId,
  values,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  workId: number;
  values: FormValues;
  problems?: string[];
}) {
  return (
    <Layout ctx={ctx} title={`Edit ${text(values, 'title') || 'work'}`} noindex>
      <h1>Edit work</h1>
      <p>
        <a href={`/works/${workId}/manage`}>Back to the work's preview</a>
      </p>
      <Problems problems={problems} />
      <form method="post" action={`/works/${workId}/edit`} class="work-form">
        <Csrf value={csrf} />
        <WorkFieldsFieldset values={values} />
        <fieldset>
          <legend>Co-creators</legend>
          <Input
            values={values}
            name="coCreators"
            label="Invite co-creators"
            hint="Pseuds of other members, separated by commas; they are listed once they accept."
          />
        </fieldset>
        <button type="submit" class="primary">
          Save
        </button>
      </form>
    </Layout>
  );
}

export function ChapterFormPage({
  ctx,
  csrf,
  workId,
  workTitle,
  position,
  values,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  workId: number;
  workTitle: string;
  /** The chapter edited, or null for a new one. */
  position: number | null;
  values: FormValues;
  problems?: string[];
}) {
  const title =
    position === null ? `Add a chapter to ${workTitle}` : `Edit chapter ${position} of ${workTitle}`;
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      <p>
        <a href={`/works/${workId}/manage`}>Back to the work's preview</a>
      </p>
      <Problems problems={problems} />
      <form
        method="post"
        action={
          position === null ? `/works/${workId}/chapters/new` : `/works/${workId}/chapters/${position}/edit`
        }
        class="work-form"
      >
        <Csrf value={csrf} />
        <ChapterFieldset
          values={values}
          index={0}
          legend={position === null ? 'New chapter' : `Chapter ${position}`}
          schedule={position === null}
        />
        <button type="submit" class="primary">
          {position === null ? 'Add chapter' : 'Save chapter'}
        </button>
      </form>
    </Layout>
  );
}
