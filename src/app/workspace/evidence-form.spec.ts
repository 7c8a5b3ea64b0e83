import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { FormControl } from '@angular/forms';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { EvidenceForm, hostOf, webUrlValidator } from './evidence-form';
import { EvidenceDraft } from './claims-api';

describe('evidence form', () => {
  it('accepts only http and https links', () => {
    const check = (value: string) => webUrlValidator(new FormControl(value, { nonNullable: true }));
    expect(check('https://www.un.org/x')).toBeNull();
    expect(check('http://example.org')).toBeNull();
    expect(check('javascript:alert(1)')).toEqual({ webUrl: true });
    expect(check('data:text/html,<b>x</b>')).toEqual({ webUrl: true });
    expect(check('ftp://example.org/file')).toEqual({ webUrl: true });
    expect(hostOf('https://www.reuters.com/world/')).toBe('www.reuters.com');
  });

  it('emits a draft with the publisher left to the server when empty, and refuses javascript: links', async () => {
    const fixture = TestBed.createComponent(EvidenceForm);
    const emitted: EvidenceDraft[] = [];
    fixture.componentInstance.added.subscribe((draft) => emitted.push(draft));
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const url = await loader.getHarness(
      MatInputHarness.with({ selector: '[data-testid="evidence-url"]' }),
    );
    const title = await loader.getHarness(
      MatInputHarness.with({ placeholder: '', selector: '[formControlName="title"]' }),
    );
    const add = await loader.getHarness(MatButtonHarness.with({ text: 'Add evidence' }));

    await url.setValue('javascript:alert(1)');
    await title.setValue('Evil');
    await add.click();
    expect(emitted).toEqual([]);

    await url.setValue('https://www.un.org/press/en/2024/sc15637.doc.htm');
    await add.click();
    await fixture.whenStable();
    expect(emitted.length).toBe(1);
    expect(emitted[0]).toEqual(
      jasmine.objectContaining({
        url: 'https://www.un.org/press/en/2024/sc15637.doc.htm',
        title: 'Evil',
        publisher: null,
        stance: 'supports',
      }),
    );
  });
});
