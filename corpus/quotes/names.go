package quotes

import "strings"

// Common English first names with a clear gender, used only to keep he/she
// from resolving to someone of the other gender.
var femaleNames = toSet(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie
rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha
gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise amber
doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori
hillary chelsea michelle melania ivanka kellyanne nikki elizabeth nancy condoleezza sonia ruth elena
angela theresa marine hope huma donna debbie kamala tulsi jill sheryl oprah beyonce taylor madonna
melanie sally claire kate katie jane susanna suzanne carly sarah janet loretta valerie samantha susan
gina jessica meghan kirsten tammy patty dianne barbara maxine sheila marcia kristen betsy</`)

var maleNames = toSet(`james robert john michael david william richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl
arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne
elijah randy roy vincent ralph eugene russell bobby mason philip louis barack bill mike mitt newt rudy
chris ted marco rand jeb ben bernie tim joe hunter vladimir antony sergei boris emmanuel xi recep
benjamin bashar kim rex jim reince sean stephen steve corey paul harry mitch chuck lindsey john
reid jon tom dick al howard rick bob colin dan doug ed jeff josh karl ken lou matt nate pat rob sam
todd tony vic wes will zach ivan igor dmitry nikolai viktor volodymyr petro justin xavier</`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(strings.TrimSuffix(s, "</")) {
		m[w] = true
	}
	delete(m, "</")
	return m
}

// firstNameGender guesses a person's gender from the first name ("m", "f"
// or "" when unknown or ambiguous).
func firstNameGender(name string) string {
	f := strings.Fields(name)
	if len(f) < 2 {
		return ""
	}
	w := strings.ToLower(strings.TrimSuffix(f[0], "."))
	fem, mal := femaleNames[w], maleNames[w]
	switch {
	case fem && !mal:
		return "f"
	case mal && !fem:
		return "m"
	}
	return ""
}
