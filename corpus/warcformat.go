package corpus

import (
	"errors"

	"byline/model"
)

func streamWARC(src Source, emit func(Task)) ([]model.Problem, error) {
	return nil, errors.New("not yet")
}
