/* tandem-font.c
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tandem-font"

#include "config.h"

#include "tandem-font.h"

#define SYSTEM_FONT_SCHEMA_ID "org.gnome.desktop.interface"
#define FALLBACK_FONT         "Monospace 11"

/**
 * tandem_font_new_desktop_settings:
 *
 * Returns: (transfer full) (nullable): the desktop's interface settings, or %NULL when
 *   their schema (gsettings-desktop-schemas) is not installed
 */
GSettings *
tandem_font_new_desktop_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SYSTEM_FONT_SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, TANDEM_SYSTEM_FONT_KEY))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * tandem_font_dup_monospace:
 * @settings: Tandem's settings
 * @desktop_settings: (nullable): from tandem_font_new_desktop_settings()
 *
 * Returns: (transfer full): the Pango description of the font to use for code
 */
char *
tandem_font_dup_monospace (GSettings *settings,
                           GSettings *desktop_settings)
{
  g_autofree char *font = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (!g_settings_get_boolean (settings, "use-system-font"))
    font = g_settings_get_string (settings, "custom-font");
  else if (desktop_settings != NULL)
    font = g_settings_get_string (desktop_settings, TANDEM_SYSTEM_FONT_KEY);

  if (font == NULL || font[0] == '\0')
    return g_strdup (FALLBACK_FONT);

  return g_steal_pointer (&font);
}
