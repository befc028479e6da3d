/* tandem-module.c
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

#define G_LOG_DOMAIN "tandem-module"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <gtk/gtk.h>

#include "tandem-module.h"

/* Symbols linked into the program itself win: a test (or a build without modules) that
 * links the code statically never loads a module. */
static gpointer
lookup_in_program (const char *symbol)
{
  static GModule *self_module;
  gpointer address = NULL;

  if (g_once_init_enter (&self_module))
    g_once_init_leave (&self_module, g_module_open (NULL, 0));

  if (self_module != NULL && g_module_symbol (self_module, symbol, &address))
    return address;

  return NULL;
}

/**
 * tandem_module_lookup:
 * @module_name: "terminal", "ai"…
 * @symbol: a function the module exports
 * @error: a location for a #GError
 *
 * Loads `libtandem-@module_name.so` from `$TANDEM_MODULE_DIR` (set when running from the
 * build tree) or the installed module folder, once, and returns @symbol from it.
 *
 * Returns: (nullable): the address of @symbol
 */
gpointer
tandem_module_lookup (const char  *module_name,
                      const char  *symbol,
                      GError     **error)
{
  static GMutex lock;
  static GHashTable *modules;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *path = NULL;
  const char *dir;
  GModule *module;
  gpointer address = NULL;

  g_return_val_if_fail (module_name != NULL, NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  if ((address = lookup_in_program (symbol)))
    return address;

  locker = g_mutex_locker_new (&lock);

  if (modules == NULL)
    modules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  module = g_hash_table_lookup (modules, module_name);
  if (module == NULL)
    {
      dir = g_getenv ("TANDEM_MODULE_DIR");
      if (dir == NULL || dir[0] == '\0')
        dir = MODULEDIR;

      filename = g_strdup_printf ("libtandem-%s.so", module_name);
      path = g_build_filename (dir, filename, NULL);

      /* Modules stay loaded: their GTypes cannot be unregistered. */
      module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      /* Run from a build tree: the modules are built beside the program. */
      if (module == NULL)
        {
          g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
          g_autofree char *exe_dir = exe ? g_path_get_dirname (exe) : NULL;
          g_autofree char *beside = exe_dir ? g_build_filename (exe_dir, filename, NULL) : NULL;

          if (beside != NULL && g_file_test (beside, G_FILE_TEST_EXISTS))
            module = g_module_open (beside, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
        }

      if (module == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       /* Translators: %s is a technical reason */
                       _("A part of Tandem is missing or broken: %s"), g_module_error ());
          return NULL;
        }
      g_module_make_resident (module);
      g_hash_table_insert (modules, g_strdup (module_name), module);
    }

  if (!g_module_symbol (module, symbol, &address) || address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("A part of Tandem is missing or broken: %s"), g_module_error ());
      return NULL;
    }

  return address;
}

void
tandem_module_add_css (const char *resource_path)
{
  static GHashTable *loaded;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  g_return_if_fail (resource_path != NULL);

  if (display == NULL)
    return;
  if (loaded == NULL)
    loaded = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_contains (loaded, resource_path))
    return;
  g_hash_table_add (loaded, (gpointer)g_intern_string (resource_path));

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, resource_path);
  /* The display keeps the provider for the life of the process. */
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
