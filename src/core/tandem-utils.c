/* tandem-utils.c
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

#define G_LOG_DOMAIN "tandem-utils"

#include "config.h"

#include <errno.h>
#include <git2.h>
#include <glib/gstdio.h>

#include "tandem-utils.h"

/**
 * tandem_dup_state_dir:
 *
 * Returns: (transfer full): `$XDG_STATE_HOME/tandem`
 */
char *
tandem_dup_state_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "tandem", NULL);
}

/**
 * tandem_dup_data_dir:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/tandem`
 */
char *
tandem_dup_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "tandem", NULL);
}

/**
 * tandem_dup_config_dir:
 *
 * Returns: (transfer full): `$XDG_CONFIG_HOME/tandem`
 */
char *
tandem_dup_config_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "tandem", NULL);
}

/**
 * tandem_ensure_parent_dir:
 * @path: a file path
 * @error: a location for a #GError
 *
 * Creates the folder that will hold @path, with mode 0700.
 */
gboolean
tandem_ensure_parent_dir (const char  *path,
                          GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Could not create folder “%s”: %s", dir, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

/**
 * tandem_write_file_atomic:
 * @path: where to write
 * @contents: the bytes
 * @length: length of @contents, or -1 when nul-terminated
 * @error: a location for a #GError
 *
 * Writes a temporary file beside @path, flushes it and renames it over @path, so a
 * reader sees either the old or the new contents, never a half-written file. The
 * file is private to the user (0600): drafts and sessions may hold unsaved code.
 */
gboolean
tandem_write_file_atomic (const char  *path,
                          const char  *contents,
                          gssize       length,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);

  if (!tandem_ensure_parent_dir (path, error))
    return FALSE;

  return g_file_set_contents_full (path, contents ? contents : "", length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/**
 * tandem_path_for_display:
 * @file: a #GFile
 *
 * Returns: (transfer full): the path with the home folder shortened to `~`.
 */
char *
tandem_path_for_display (GFile *file)
{
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();
  gsize home_len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    return g_file_get_uri (file);

  home_len = strlen (home);
  if (home_len > 1 && g_str_has_prefix (path, home) &&
      (path[home_len] == '/' || path[home_len] == '\0'))
    return g_strconcat ("~", path + home_len, NULL);

  return g_steal_pointer (&path);
}

void
tandem_ensure_libgit2 (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      git_libgit2_init ();
      /* As git itself: objects read from disk are not hashed again on every read (fsck
       * is where that belongs); it costs a SHA-1 per tree in every status. */
      git_libgit2_opts (GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
      g_once_init_leave (&initialized, 1);
    }
}
