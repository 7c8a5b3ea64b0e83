import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Evidence } from '../../../domain/claim';
import { EvidenceDraft } from '../claims-api';
import { EvidenceForm, hostOf } from './evidence-form';

const saved: Evidence = {
  id: 'e1',
  claimId: 'c1',
  url: 'https://www.reuters.com/world/shells',
  title: 'Reuters on shells',
  publisher: 'Reuters',
  stance: 'supports',
  sourceType: 'secondary',
  quote: null,
  archivedUrl: null,
  accessedAt: null,
  createdAt: '2026-11-28T10:00:00.000Z',
  createdBy: 'casey',
  adoptedFrom: null,
};

describe('evidence form', () => {
  let fixture: ComponentFixture<EvidenceForm>;
  let loader: HarnessLoader;
  let emitted: EvidenceDraft[];

  async function render(initial: Evidence | null = null) {
    fixture = TestBed.createComponent(EvidenceForm);
    fixture.componentRef.setInput('initial', initial);
    emitted = [];
    fixture.componentInstance.saved.subscribe((draft) => emitted.push(draft));
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  }
  const input = (label: string) =>
    loader
      .getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))
      .then((field) => field.getControl(MatInputHarness) as Promise<MatInputHarness>);
  const errors = async (label: string) =>
    (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))
    ).getTextErrors();

  it('names the host of an http(s) link only', () => {
    expect(hostOf('http://./')).toBe('');
    expect(hostOf('javascript:alert(1)')).toBe('');
    expect(hostOf('https://www.reuters.com/world/')).toBe('www.reuters.com');
  });

  it('emits a draft and refuses javascript: links', async () => {
    await render();
    const add = await loader.getHarness(MatButtonHarness.with({ text: 'Add evidence' }));
    await (await input('Link (http or https)')).setValue('javascript:alert(1)');
    await (await input('Title')).setValue('Evil');
    await add.click();
    expect(emitted).toEqual([]);

    await (await input('Link (http or https)')).setValue('https://www.un.org/press/sc15637.htm');
    await add.click();
    expect(emitted).toEqual([
      jasmine.objectContaining({
        url: 'https://www.un.org/press/sc15637.htm',
        title: 'Evil',
        publisher: 'www.un.org',
        stance: 'supports',
      }),
    ]);
  });

  it('says a link is not http or https while it is typed, before leaving the field', async () => {
    await render();
    await (await input('Link (http or https)')).setValue('javascript:alert(1)');
    await fixture.whenStable();
    expect(await errors('Link (http or https)')).toEqual([
      'Only http:// and https:// links can be evidence.',
    ]);
    await (await input('Archived link')).setValue('ftp://example.org');
    expect(await errors('Archived link')).toEqual([
      'The archived link must start with http:// or https://.',
    ]);
  });

  it('fills the publisher from the link as it is typed, but never over one typed by hand', async () => {
    await render();
    const url = await input('Link (http or https)');
    const publisher = await input('Publisher');
    await url.setValue('https://www.reuters.com/world');
    expect(await publisher.getValue()).toBe('www.reuters.com');
    await url.setValue('https://www.bbc.com/news');
    expect(await publisher.getValue()).toBe('www.bbc.com');
    await publisher.setValue('BBC News');
    await url.setValue('https://www.bbc.co.uk/news');
    expect(await publisher.getValue()).toBe('BBC News');
  });

  it('keeps what was typed until cleared, and clears without leaving "required" errors', async () => {
    await render();
    await (await input('Link (http or https)')).setValue('https://www.un.org/x');
    await (await input('Title')).setValue('UN report');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add evidence' }))).click();
    expect(emitted.length).toBe(1);
    expect(await (await input('Title')).getValue()).toBe('UN report');

    fixture.componentInstance.clear();
    await fixture.whenStable();
    expect(await (await input('Title')).getValue()).toBe('');
    expect(await (await input('Publisher')).getValue()).toBe('');
    expect(await errors('Link (http or https)')).toEqual([]);
    expect(await errors('Title')).toEqual([]);
  });

  it('does not submit twice while the last submission is with the server', async () => {
    await render();
    fixture.componentRef.setInput('pending', true);
    await fixture.whenStable();
    const add = await loader.getHarness(MatButtonHarness.with({ text: 'Add evidence' }));
    expect(await add.isDisabled()).toBeTrue();
  });

  it('follows the saved link while untouched, never over an edit in progress', async () => {
    await render(saved);
    const title = await input('Title');
    expect(await title.getValue()).toBe('Reuters on shells');
    fixture.componentRef.setInput('initial', { ...saved, title: 'Reuters, updated' });
    await fixture.whenStable();
    expect(await title.getValue()).toBe('Reuters, updated');

    await title.setValue('My correction');
    fixture.componentRef.setInput('initial', { ...saved, title: 'Someone else’s' });
    await fixture.whenStable();
    expect(await title.getValue()).toBe('My correction');
    expect(await (await input('Publisher')).getValue()).toBe('Reuters');
  });
});
