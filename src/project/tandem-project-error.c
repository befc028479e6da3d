/* tandem-project-error.c
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

#define G_LOG_DOMAIN "tandem-project"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-project-error-private.h"

G_DEFINE_QUARK (tandem-project-error-quark, tandem_project_error)

static char *
permission_message (TandemProjectOp  op,
                    const char      *name)
{
  switch (op)
    {
    case TANDEM_PROJECT_OP_CREATE_FILE:
      return g_strdup (_("You do not have permission to create a file here"));
    case TANDEM_PROJECT_OP_CREATE_FOLDER:
      return g_strdup (_("You do not have permission to create a folder here"));
    case TANDEM_PROJECT_OP_RENAME:
      return g_strdup_printf (_("You do not have permission to rename “%s”"), name);
    case TANDEM_PROJECT_OP_TRASH:
      return g_strdup_printf (_("You do not have permission to move “%s” to the trash"), name);
    case TANDEM_PROJECT_OP_RESTORE:
      return g_strdup_printf (_("You do not have permission to put “%s” back"), name);
    case TANDEM_PROJECT_OP_LIST:
      return g_strdup (_("You do not have permission to open this folder"));
    default:
      g_assert_not_reached ();
    }
}

static char *
failed_message (TandemProjectOp  op,
                const char      *name,
                const char      *reason)
{
  switch (op)
    {
    case TANDEM_PROJECT_OP_CREATE_FILE:
      return g_strdup_printf (_("Could not create “%s”: %s"), name, reason);
    case TANDEM_PROJECT_OP_CREATE_FOLDER:
      return g_strdup_printf (_("Could not create the folder “%s”: %s"), name, reason);
    case TANDEM_PROJECT_OP_RENAME:
      return g_strdup_printf (_("Could not rename “%s”: %s"), name, reason);
    case TANDEM_PROJECT_OP_TRASH:
      return g_strdup_printf (_("Could not move “%s” to the trash: %s"), name, reason);
    case TANDEM_PROJECT_OP_RESTORE:
      return g_strdup_printf (_("Could not put “%s” back: %s"), name, reason);
    case TANDEM_PROJECT_OP_LIST:
      return g_strdup_printf (_("Could not open the folder “%s”: %s"), name, reason);
    default:
      g_assert_not_reached ();
    }
}

/*
 * _tandem_project_error_from_io:
 * @error: a #GError from GIO
 * @op: what was being done
 * @name: (nullable): display name of the file concerned
 *
 * Turns a GIO error into a %TANDEM_PROJECT_ERROR in plain words. Cancellation is
 * passed through unchanged so callers can keep ignoring it.
 *
 * Returns: (transfer full): a new #GError
 */
GError *
_tandem_project_error_from_io (const GError    *error,
                               TandemProjectOp  op,
                               const char      *name)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (name == NULL)
    name = "";

  if (error->domain == TANDEM_PROJECT_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_PERMISSION_DENIED:
        case G_IO_ERROR_READ_ONLY:
          message = permission_message (op, name);
          return g_error_new_literal (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_PERMISSION,
                                      message);

        case G_IO_ERROR_EXISTS:
          return g_error_new (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS,
                              _("A file named “%s” already exists"), name);

        case G_IO_ERROR_IS_DIRECTORY:
          return g_error_new (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_EXISTS,
                              _("A folder named “%s” already exists"), name);

        case G_IO_ERROR_NOT_FOUND:
          if (op == TANDEM_PROJECT_OP_LIST)
            return g_error_new_literal (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_NOT_FOUND,
                                        _("This folder no longer exists"));
          return g_error_new (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_NOT_FOUND,
                              _("“%s” no longer exists"), name);

        case G_IO_ERROR_FILENAME_TOO_LONG:
          return g_error_new_literal (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_INVALID_NAME,
                                      _("That name is too long"));

        case G_IO_ERROR_INVALID_FILENAME:
          return g_error_new_literal (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_INVALID_NAME,
                                      _("That name cannot be used for a file"));

        case G_IO_ERROR_NO_SPACE:
          return g_error_new_literal (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_FAILED,
                                      _("There is no space left on the disk"));

        case G_IO_ERROR_NOT_SUPPORTED:
          if (op == TANDEM_PROJECT_OP_TRASH)
            return g_error_new (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_FAILED,
                                _("“%s” cannot be moved to the trash on this drive"), name);
          break;

        default:
          break;
        }
    }

  message = failed_message (op, name, error->message);
  return g_error_new_literal (TANDEM_PROJECT_ERROR, TANDEM_PROJECT_ERROR_FAILED, message);
}
