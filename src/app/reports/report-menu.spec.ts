import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ReportDownload } from './report-download';
import { ReportMenu } from './report-menu';
import { provideAppIcons } from '../shell/icons';

describe('ReportMenu', () => {
  const REPORT = '/api/articles/a1/report';

  async function render(filter: Record<string, string> = {}, shown = 3, total = 12) {
    const snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open']);
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
    const save = spyOn(TestBed.inject(ReportDownload), 'save');
    const fixture = TestBed.createComponent(ReportMenu);
    fixture.componentRef.setInput('articleId', 'a1');
    fixture.componentRef.setInput('filter', filter);
    fixture.componentRef.setInput('shown', shown);
    fixture.componentRef.setInput('total', total);
    await fixture.whenStable();
    return {
      fixture,
      save,
      snackBar,
      http: TestBed.inject(HttpTestingController),
      loader: TestbedHarnessEnvironment.loader(fixture),
    };
  }

  async function exportAs(loader: HarnessLoader, label: RegExp): Promise<void> {
    const menu = await loader.getHarness(MatMenuHarness);
    await menu.open();
    await menu.clickItem({ text: label });
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('makes its items when it opens, not on every change of the filter of the table', async () => {
    const { fixture, loader } = await render({ q: 'shells' });
    const url = spyOn(TestBed.inject(ReportDownload), 'url').and.callThrough();
    for (const q of ['shell', 'shel', 'she']) {
      fixture.componentRef.setInput('filter', { q });
      await fixture.whenStable();
    }
    expect(url).not.toHaveBeenCalled();
    await (await loader.getHarness(MatMenuHarness)).open();
    expect(url).toHaveBeenCalledWith('a1', 'html', { q: 'she' });
  });

  it('exports the claims the table shows, in the table’s order', async () => {
    const { loader, http } = await render({ stage: 'approved', q: 'shells', sort: 'updated' });
    await exportAs(loader, /Spreadsheet/);
    const request = http.expectOne(`${REPORT}?format=csv&stage=approved&q=shells&sort=updated`);
    expect(request.request.responseType).toBe('blob');
  });

  it('exports every claim on request, still in the table’s order', async () => {
    const { loader, http } = await render({ mine: '1', sort: 'verdict', dir: 'desc' });
    const menu = await loader.getHarness(MatMenuHarness);
    await menu.open();
    const [shown] = await menu.getItems({ text: /Only the 3 claims shown/ });
    expect(await (await shown.host()).getAttribute('aria-checked')).toBe('true');
    await menu.clickItem({ text: /All 12 claims/ });
    await exportAs(loader, /Markdown/);
    http.expectOne(`${REPORT}?format=md&sort=verdict&dir=desc`);
  });

  async function choices(shown: number, total: number): Promise<string[]> {
    const { loader } = await render({ q: 'shells' }, shown, total);
    const menu = await loader.getHarness(MatMenuHarness);
    await menu.open();
    const items = await menu.getItems();
    const texts = await Promise.all(items.slice(0, 2).map((item) => item.getText()));
    return texts.map((text) => text.replace(/^radio_button_\w+\s*/, '').trim());
  }

  it('counts one claim in the singular', async () => {
    expect(await choices(1, 1)).toEqual(['Only the 1 claim shown', 'The article’s only claim']);
  });

  it('counts no claims in words, and many in the plural', async () => {
    expect(await choices(0, 2)).toEqual([
      'None of the claims: the table shows none',
      'All 2 claims',
    ]);
  });

  it('offers no choice of claims when the table only sorts them', async () => {
    const { loader, http } = await render({ sort: 'stage', dir: 'desc' });
    const menu = await loader.getHarness(MatMenuHarness);
    await menu.open();
    expect(await menu.getItems({ text: /claims shown|All 12 claims/ })).toEqual([]);
    const print = document.querySelector<HTMLAnchorElement>('a[mat-menu-item]');
    expect(print?.getAttribute('href')).toBe(`${REPORT}?format=html&sort=stage&dir=desc`);
    await menu.clickItem({ text: /^JSON/ });
    http.expectOne(`${REPORT}?format=json&sort=stage&dir=desc`);
  });

  it('shows how far the download is, then saves the file under the server’s name', async () => {
    const { loader, http, save, fixture } = await render();
    await exportAs(loader, /Spreadsheet/);
    const request = http.expectOne(`${REPORT}?format=csv`);
    expect(await (await loader.getHarness(MatMenuHarness)).isDisabled()).toBeTrue();
    const bar = await loader.getHarness(MatProgressBarHarness);
    expect(await bar.getMode()).toBe('indeterminate');

    request.event({ type: 3, loaded: 2048, total: 8192 } as never);
    await fixture.whenStable();
    expect(await bar.getMode()).toBe('determinate');
    expect(await bar.getValue()).toBe(25);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('2 KB');

    const file = new Blob(['id,quote\r\n']);
    request.flush(file, {
      headers: { 'content-disposition': 'attachment; filename="a1-claims.csv"' },
    });
    await fixture.whenStable();
    expect(save).toHaveBeenCalledOnceWith(jasmine.any(Blob), 'a1-claims.csv');
    expect(await loader.getAllHarnesses(MatProgressBarHarness)).toEqual([]);
    expect(await (await loader.getHarness(MatMenuHarness)).isDisabled()).toBeFalse();
  });

  it('cancels a download: the request is dropped and nothing is saved', async () => {
    const { loader, http, save } = await render();
    await exportAs(loader, /ClaimReview/);
    const request = http.expectOne(`${REPORT}?format=claimreview`);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    expect(request.cancelled).toBeTrue();
    expect(save).not.toHaveBeenCalled();
    expect(await loader.getAllHarnesses(MatProgressBarHarness)).toEqual([]);
    expect(await (await loader.getHarness(MatMenuHarness)).isDisabled()).toBeFalse();
  });

  it('says why a report could not be made', async () => {
    const { loader, http, save, snackBar } = await render();
    await exportAs(loader, /Markdown/);
    http.expectOne(`${REPORT}?format=md`).error(new ProgressEvent('error'));
    expect(save).not.toHaveBeenCalled();
    expect(snackBar.open).toHaveBeenCalledOnceWith(
      'The report could not be made: The server cannot be reached. Check your connection and try again.',
      'Close',
      { duration: 8000 },
    );
    expect(await loader.getAllHarnesses(MatProgressBarHarness)).toEqual([]);
  });

  it('stops a download on its way when the menu goes away', async () => {
    const { loader, http, fixture, save } = await render();
    await exportAs(loader, /Spreadsheet/);
    const request = http.expectOne(`${REPORT}?format=csv`);
    fixture.destroy();
    expect(request.cancelled).toBeTrue();
    expect(save).not.toHaveBeenCalled();
  });
});
