import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatIcon, MatIconRegistry } from '@angular/material/icon';
import { firstValueFrom } from 'rxjs';
import { APP_ICONS, IconName, provideAppIcons } from './icons';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIcon],
  template: `<mat-icon aria-hidden="true" svgIcon="person" />`,
})
class PersonIcon {}

describe('App icons', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideAppIcons()] }));

  it('resolves every listed name to its Material Symbols SVG, without a request', async () => {
    const registry = TestBed.inject(MatIconRegistry);
    for (const name of Object.keys(APP_ICONS) as IconName[]) {
      const svg = await firstValueFrom(registry.getNamedSvgIcon(name));
      expect(svg.getAttribute('viewBox')).withContext(name).toBe('0 -960 960 960');
      expect(svg.querySelector('path')?.getAttribute('d')).withContext(name).toBeTruthy();
    }
  });

  it('renders an icon as an inline SVG in the text colour, hidden from assistive technology', async () => {
    const fixture = TestBed.createComponent(PersonIcon);
    await fixture.whenStable();
    const icon: HTMLElement = fixture.nativeElement.querySelector('mat-icon');
    const svg = icon.querySelector('svg');
    expect(svg).not.toBeNull();
    expect(icon.getAttribute('aria-hidden')).toBe('true');
    expect(icon.textContent).toBe('');
    expect(getComputedStyle(icon).fill).toBe(getComputedStyle(icon).color);
  });
});
