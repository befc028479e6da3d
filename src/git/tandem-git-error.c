/* tandem-git-error.c
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

#define G_LOG_DOMAIN "tandem-git"

#include "config.h"

#include <glib/gi18n.h>
#include <git2.h>

#include "tandem-git-error.h"
#include "tandem-git-types-private.h"

G_DEFINE_QUARK (tandem-git-error-quark, tandem_git_error)

static TandemGitError
code_from_libgit2 (int              rc,
                   const git_error *last)
{
  switch (rc)
    {
    case GIT_ECONFLICT:
      return TANDEM_GIT_ERROR_WOULD_OVERWRITE;
    case GIT_EEXISTS:
      return TANDEM_GIT_ERROR_EXISTS;
    case GIT_EINVALIDSPEC:
      return TANDEM_GIT_ERROR_INVALID_NAME;
    case GIT_EAUTH:
      return TANDEM_GIT_ERROR_AUTH_FAILED;
    case GIT_ECERTIFICATE:
      return TANDEM_GIT_ERROR_CERTIFICATE;
    case GIT_ENONFASTFORWARD:
      return TANDEM_GIT_ERROR_NON_FAST_FORWARD;
    case GIT_EUNMERGED:
      return TANDEM_GIT_ERROR_CONFLICTS;
    case GIT_EAPPLYFAIL:
      return TANDEM_GIT_ERROR_DIFF_CHANGED;
    default:
      break;
    }

  if (last != NULL)
    {
      switch (last->klass)
        {
        case GIT_ERROR_NET:
        case GIT_ERROR_SSL:
        case GIT_ERROR_HTTP:
          return TANDEM_GIT_ERROR_NETWORK;
        case GIT_ERROR_SSH:
          return rc == GIT_ECERTIFICATE ? TANDEM_GIT_ERROR_HOST_KEY : TANDEM_GIT_ERROR_NETWORK;
        default:
          break;
        }
    }

  return TANDEM_GIT_ERROR_FAILED;
}

void
tandem_git_error_set_from_libgit2 (GError     **error,
                                   int          rc,
                                   const char  *what)
{
  const git_error *last;

  g_return_if_fail (what != NULL);

  if (error == NULL)
    return;

  last = git_error_last ();

  if (last != NULL && last->message != NULL && last->message[0] != '\0')
    {
      g_autofree char *detail = g_utf8_make_valid (last->message, -1);

      g_set_error (error, TANDEM_GIT_ERROR, code_from_libgit2 (rc, last),
                   /* Translators: "Could not stage: <libgit2's explanation>" */
                   _("%s: %s"), what, detail);
    }
  else
    g_set_error (error, TANDEM_GIT_ERROR, code_from_libgit2 (rc, last),
                 /* Translators: "Could not stage (error -3)" */
                 _("%s (error %d)"), what, rc);
}

/* Whether @rc (a libgit2 return code) is a success; when not, sets @error as
 * tandem_git_error_set_from_libgit2() does. */
gboolean
_tandem_git_check (int          rc,
                   const char  *what,
                   GError     **error)
{
  if (rc >= 0)
    return TRUE;

  tandem_git_error_set_from_libgit2 (error, rc, what);
  return FALSE;
}
